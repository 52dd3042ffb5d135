/** A search index shard's process (search-shard.ts, indexInProcess). */
import { serveTask } from './child-task.ts';
import { readDocuments, writeShard, type ShardJob } from './search-shard.ts';
import { foldTraditional } from '../search/traditional.ts';

serveTask((job: ShardJob) => {
  // Traditional characters are indexed as Simplified, as in the build that sent the job.
  foldTraditional();
  const docs = readDocuments(job.docsDir, job.refs);
  return [...writeShard(docs, job.dir, new Set(job.frequent), job.runtime)];
});
