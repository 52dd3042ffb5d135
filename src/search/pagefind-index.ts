/**
 * The index is built in shards of consecutive reports, oldest first, of at most about
 * SEARCH_SHARD_WORDS index words each, each indexed by a Pagefind process of its own so that
 * the build's memory stays bounded; the build merges them into one index
 * (src/integrations/pagefind-merge.ts), which is what the browser loads.
 */

/**
 * Pagefind language of the index: "und" (undetermined, BCP 47) because the index holds ASCII
 * tokens only: Pagefind then neither stems nor segments them, which also indexes faster.
 */
export const INDEX_LANGUAGE = 'und';

/**
 * Pagefind's WebAssembly file for our language, which it has no stemmer for. The search page
 * preloads it before anything asks; the indexer checks that Pagefind wrote this one.
 */
export const PAGEFIND_WASM = 'wasm.unknown.pagefind';

/**
 * Partitions of an index of `pages` pages, `perPartition` each (SEARCH_PARTITION_PAGES at
 * build time; the catalog tells the browser).
 */
export const partitionCount = (pages: number, perPartition: number) => Math.max(1, Math.ceil(pages / perPartition));

/**
 * The word that holds `word`'s pages in partition `partition` (of `partitions`) of the merged
 * index: its first SEARCH_PARTITION_PAGES pages are partition 0, and so on. Pagefind's search
 * compares every page that has a word with every entry of the word's page list
 * (pagefind_core_search, `search_term`), a cost that grows with the square of the reports
 * that have the word; a partition's list is at most SEARCH_PARTITION_PAGES long, and the
 * browser searches each (see README, Benchmark). No word of our vocabulary is a prefix of
 * another (tokens.ts), so words with a suffix keep their order; the suffix has a fixed width,
 * so that stays true. "_" joins it: Pagefind keeps "_" in a query (it is one of its
 * `include_characters`, and word segmentation does not split at it).
 */
export function partitionWord(word: string, partition: number, partitions: number): string {
  const width = Math.max(1, (partitions - 1).toString(36).length);
  return `${word}_${partition.toString(36).padStart(width, '0')}`;
}
