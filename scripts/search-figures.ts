/**
 * The figures of the search index's design that follow from the text alone, for the
 * benchmark's synthetic archive (docs/search.md): frequent bigrams, the words each query
 * looks up and how many reports have them, shards, partitions, the catalog's size and the
 * export file's (search/export.json, see src/search/export-metadata.ts). They
 * are computed, not timed, so they come out the same on every machine (but the catalog's
 * decoding time).
 *
 *   npm run search-figures -- [--reports 10000] [--share 1000]
 *
 * `--share N` counts as frequent the bigrams that each make up at least 1/N of all bigram
 * occurrences (the index uses 1000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { SEARCH_PARTITION_PAGES, SEARCH_SHARD_WORDS } from '../src/consts.ts';
import { PROVINCE_SLUGS } from '../src/data/provinces.ts';
import { splitIntoShards } from '../src/integrations/search-index.ts';
import { catalogOrder, decodeCatalog, encodeCatalog } from '../src/search/catalog.ts';
import { encodeExportMetadata, NameList } from '../src/search/export-metadata.ts';
import { fold } from '../src/search/normalize.ts';
import { partitionByProvince } from '../src/search/pagefind-index.ts';
import { foldedText, indexWordCount, type SearchDocument } from '../src/search/records.ts';
import { frequentBigrams, termWords, type FrequentBigrams } from '../src/search/tokens.ts';
import { writeSyntheticArchive } from './lib/synthetic-archive.ts';

/** The benchmark's query terms, and the common words the design notes name. */
const TERMS = [
  '民政厅',
  '民政',
  '政厅',
  '老年助餐',
  '社会组织',
  '组织',
  '厅',
  '是一段',
  '责任制',
  '八八战略',
  '战略',
  '全国两会精神',
];

const ROOT = new URL('..', import.meta.url).pathname;
const count = (n: number) => n.toLocaleString('en-US');

/** The benchmark's synthetic archive of `reports` reports, as the indexer reads their pages. */
function syntheticDocuments(reports: number): SyntheticDocument[] {
  const dir = mkdtempSync(join(tmpdir(), 'search-figures-'));
  try {
    const generated = writeSyntheticArchive(dir, reports, {
      sourceDir: join(ROOT, 'content/articles'),
    });
    return generated.map(({ id, title, date, province, department, source, paragraphs }) => ({
      id,
      title,
      date,
      province,
      department,
      source,
      text: paragraphs.join('\n'),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A synthetic report as the indexer reads its page: its search document, department and source. */
type SyntheticDocument = SearchDocument & { department: string; source: string };

/** The characters an index word stands for (`u` + one code point, two, or `t` + three). */
function wordText(word: string): string {
  const codes = word.replace(/^[ut]/, '').match(/.{4}/g) ?? [];
  return codes.map((code) => String.fromCodePoint(parseInt(code, 36))).join('');
}

/** For each term: reports that contain it, and the words its lookup uses with the reports that have each. */
function printTerms(folded: readonly string[], frequent: FrequentBigrams): void {
  const reportsWith = (text: string) => folded.filter((doc) => doc.includes(text)).length;
  console.log('\n## Terms: reports containing each, and the words a lookup fetches');
  for (const term of TERMS) {
    const words = termWords(fold(term), frequent).map(({ word }) => {
      const text = wordText(word);
      return `${text}${frequent.has(text) ? ' (frequent)' : ''} ${count(reportsWith(text))}`;
    });
    console.log(`${term}: in ${count(reportsWith(fold(term)))}; looks up ${words.join(', ')}`);
  }
}

function printStructure(documents: readonly SearchDocument[], frequent: FrequentBigrams): void {
  const oldestFirst = [...documents].sort(
    (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
  );
  const words = oldestFirst.map(indexWordCount);
  const total = words.reduce((sum, n) => sum + n, 0);
  const shards = splitIntoShards(oldestFirst, words, SEARCH_SHARD_WORDS);
  console.log(`\n## Shards (SEARCH_SHARD_WORDS ${count(SEARCH_SHARD_WORDS)})`);
  console.log(
    `index words: ${count(total)} (${count(Math.round(total / documents.length))} per report); ${shards.length} shard(s) of ${shards.map((shard) => count(shard.length)).join(', ')} reports`,
  );
  const inOrder = catalogOrder(documents);
  const partitioning = partitionByProvince(
    inOrder.map((doc) => PROVINCE_SLUGS.indexOf(doc.province)),
    PROVINCE_SLUGS.length,
    SEARCH_PARTITION_PAGES,
  );
  const sizes = Array.from({ length: partitioning.count }, (_, p) =>
    partitioning.ofReport.filter((of) => of === p),
  ).map((members) => members.length);
  const provinces = partitioning.byProvince.filter((list) => list.length);
  const onePartition = provinces.filter((list) => list.length === 1).length;
  console.log(`\n## Partitions (SEARCH_PARTITION_PAGES ${count(SEARCH_PARTITION_PAGES)})`);
  console.log(
    `${partitioning.count} partition(s) of ${sizes.map(count).join(', ')} reports; ${onePartition} of ${provinces.length} provinces in one partition`,
  );
}

function printCatalog(documents: readonly SearchDocument[], frequent: FrequentBigrams): void {
  const entries = documents.map(({ id, date, province, title }) => ({
    id,
    date,
    province,
    titleLength: [...fold(title)].length,
  }));
  const [json] = encodeCatalog(entries, { frequent }) as [string];
  const timings = Array.from({ length: 5 }, () => {
    const started = performance.now();
    decodeCatalog([json]);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  console.log('\n## Catalog');
  console.log(
    `${(json.length / 1024).toFixed(1)} kB, ${(gzipSync(json).length / 1024).toFixed(1)} kB gzip; decoded in Node in ${timings[2]!.toFixed(1)} ms (median of 5, this machine)`,
  );
}

const kB = (text: string) =>
  `${(Buffer.byteLength(text) / 1024).toFixed(1)} kB, ${(gzipSync(text).length / 1024).toFixed(1)} kB gzip`;

/** The export file, and for comparison the same as a plain list of objects. */
function printExport(documents: readonly SyntheticDocument[]): void {
  const names = new NameList();
  const refs = documents.map((doc) => ({
    id: doc.id,
    date: doc.date,
    province: doc.province,
    titleLength: [...fold(doc.title)].length,
    department: names.number(doc.department),
    source: names.number(doc.source),
  }));
  const titles = new Map(documents.map((doc) => [doc.id, doc.title]));
  const json = encodeExportMetadata(refs, names, (id) => titles.get(id)!);
  const plain = JSON.stringify(
    catalogOrder(documents).map(({ id, title, department, source }) => ({
      id,
      title,
      department,
      source,
    })),
  );
  const attributes = documents.map(
    (doc) => ` data-department="${doc.department}" data-source="${doc.source}"`,
  );
  console.log('\n## Export file (search/export.json)');
  console.log(`${kB(json)}; ${names.sorted().names.length} distinct departments and sources`);
  console.log(`as a list of {id, title, department, source}: ${kB(plain)}`);
  console.log(
    `article pages' data-department and data-source: ${(Buffer.byteLength(attributes.join('')) / documents.length).toFixed(0)} bytes a page`,
  );
}

function main(): void {
  const { values } = parseArgs({
    strict: true,
    options: {
      reports: { type: 'string', default: '10000' },
      share: { type: 'string', default: '1000' },
    },
  });
  const [reports, share] = (['reports', 'share'] as const).map((name) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer, got ${values[name]}`);
    return value;
  }) as [number, number];
  const documents = syntheticDocuments(reports);
  const folded = documents.map(foldedText);
  const frequent = frequentBigrams(folded, share);
  console.log(`Search figures: ${count(documents.length)} synthetic reports (npm run bench's)`);
  console.log(
    `frequent bigrams (each at least ${100 / share}% of all bigram occurrences): ${frequent.size}`,
  );
  printTerms(folded, frequent);
  printStructure(documents, frequent);
  printCatalog(documents, frequent);
  printExport(documents);
}

main();
