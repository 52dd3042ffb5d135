/**
 * A search index shard's process (search-shard.ts, indexInProcess): receives one ShardJob,
 * indexes it, answers with its pages or its error, and exits, giving back Pagefind's memory.
 * It ends too if the build that started it ends: nothing would read the shard.
 */
import { readDocuments, writeShard, type ShardAnswer, type ShardJob } from './search-shard.ts';
import { foldTraditional } from '../search/traditional.ts';

const answer = (message: ShardAnswer, code: number) =>
  process.send!(message, () => process.exit(code));

process.once('message', async (job: ShardJob) => {
  try {
    // Traditional characters are indexed as Simplified, as in the build that sent the job.
    foldTraditional();
    const docs = readDocuments(job.docsDir, job.refs);
    const pages = await writeShard(docs, job.dir, job.base, new Set(job.frequent));
    answer({ pages: [...pages] }, 0);
  } catch (error) {
    answer({ error: error instanceof Error ? error.message : String(error) }, 1);
  }
});
process.on('disconnect', () => process.exit(1));
