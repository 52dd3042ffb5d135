/** Well-known places in the repository, for tests. */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = `${ROOT}dist/`;
export const ARTICLES = `${ROOT}content/articles/`;
export const BULLETIN = fileURLToPath(
  new URL('../../../shared/sources/000_512dbbe89473570f.txt', import.meta.url),
);
