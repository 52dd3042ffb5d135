/** Well-known places in the repository, for tests. */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = `${ROOT}dist/`;
export const ARTICLES = `${ROOT}content/articles/`;
/** The compiled bulletins the archive was imported from, and their manifest. */
export const BULLETINS = `${ROOT}content/bulletins/`;
/** The first bulletin (three reports of March 2024, imported with --year 2024). */
export const BULLETIN = `${BULLETINS}000_512dbbe89473570f.txt`;
