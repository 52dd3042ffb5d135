/**
 * The index is split into shards of consecutive reports, oldest first, of at most about
 * SEARCH_SHARD_WORDS index words each, each indexed by a Pagefind process of its own so that
 * the build's memory stays bounded. The browser loads the first with Pagefind and merges the
 * others (`mergeIndex`).
 */

/**
 * Pagefind language of shard `n`. Page IDs start with it (`und-x-s1_1a2b3c4`), so IDs of
 * different shards never collide. "und" (undetermined, BCP 47) because the index holds ASCII
 * tokens only: Pagefind then neither stems nor segments them, which also indexes faster.
 */
export const shardLanguage = (n: number) => `und-x-s${n}`;

/**
 * Pagefind's WebAssembly file for our languages, which it has no stemmer for. The search page
 * preloads it before anything asks; the indexer checks that Pagefind wrote this one.
 */
export const PAGEFIND_WASM = 'wasm.unknown.pagefind';

/** Folder of shard `n` below the Pagefind folder: the first beside Pagefind's scripts, the others numbered. */
export const shardFolder = (n: number) => (n === 0 ? '' : `${n}/`);
