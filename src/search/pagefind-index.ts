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
