/** A merge range's process (pagefind-merge-range.ts, mergeRangeInProcess). */
import { serveTask } from './child-task.ts';
import { mergeRange } from './pagefind-merge-range.ts';

serveTask(mergeRange);
