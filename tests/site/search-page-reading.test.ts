/**
 * The index build reads every article page and keeps, for each report, its ID, date, province,
 * department and source (src/integrations/search-index.ts, readSearchDocument). htmlparser2
 * cuts them out of the page, and V8 keeps such a piece as a view of the whole page: kept
 * as they come, the fields of 100,000 reports held every page (the build ran out of memory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readSearchDocument } from '../../src/integrations/search-index.ts';
import { DIST } from '../helpers/paths.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const heapAfterGc = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describe('reading article pages', () => {
  it('keeps of each page only the fields read, not the page', () => {
    const [id] = readdirSync(join(DIST, 'articles')).sort();
    const template = readFileSync(join(DIST, 'articles', id!, 'index.html'), 'utf8');
    const copies = 300;
    const kept: unknown[] = [];
    // Warmed up first: the parser's own first allocations are not the pages'.
    for (let i = 0; i < 20; i++) readSearchDocument(`${template}<!-- warm-up ${i} -->`);
    const before = heapAfterGc();
    for (let i = 0; i < copies; i++) {
      // A page of its own each time, as the build reads one file after another.
      const doc = readSearchDocument(`${template}<!-- ${i} -->`)!;
      const { id: docId, date, province, department, source, title } = doc;
      kept.push({ docId, date, province, department, source, title });
    }
    const grown = heapAfterGc() - before;
    expect(kept).toHaveLength(copies);
    // Each page is at least its length in bytes; a tenth of that per page is room for the fields.
    expect(grown).toBeLessThan((copies * template.length) / 10);
  });
});
