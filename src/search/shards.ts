/**
 * The index is split into shards of at most SEARCH_SHARD_SIZE reports, oldest first, each
 * indexed by a Pagefind process of its own so that the build's memory stays bounded. The
 * browser loads the first with Pagefind and merges the others (`mergeIndex`).
 */

/**
 * Pagefind language of shard `n`. Page IDs start with it (`zh-x-s1_1a2b3c4`), so IDs of
 * different shards never collide; it is a valid BCP 47 tag, as Pagefind's query side needs.
 */
export const shardLanguage = (n: number) => `zh-x-s${n}`;

/** Folder of shard `n` below the Pagefind folder: the first beside Pagefind's scripts, the others numbered. */
export const shardFolder = (n: number) => (n === 0 ? '' : `${n}/`);
