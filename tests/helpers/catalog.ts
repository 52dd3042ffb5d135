/** The catalog of a built site, read back whole from its files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFileName, decodeCatalog, type Catalog } from '../../src/search/catalog.ts';

/** The catalog of the site in `dist`: its first file names the segments, each a file. */
export function readSiteCatalog(dist: string): Catalog {
  const read = (k: number) => readFileSync(join(dist, 'search', catalogFileName(k)), 'utf8');
  const [first] = [read(0)];
  const { segments } = JSON.parse(first) as { segments: unknown[] };
  return decodeCatalog(segments.map((_, k) => (k ? read(k) : first)));
}
