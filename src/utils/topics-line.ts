/**
 * The `topics` entry of an article's front matter: the one part of a file editors adjust after
 * importing. How the archive writes it, how a proposal replaces it, and how a file compares
 * with another apart from it.
 */

/** `topics: ["a", "b"]`, the front-matter style of the archive (JSON-quoted strings). */
export function topicsLine(topics: readonly string[]): string {
  return `topics: [${topics.map((topic) => JSON.stringify(topic)).join(', ')}]`;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/** A file's front matter lines, where its `topics` entry is, and what follows the front matter. */
function findTopics(source: string) {
  const match = FRONTMATTER.exec(source);
  if (!match) return undefined;
  const lines = match[1]!.split(/\r?\n/);
  const start = lines.findIndex((line) => /^topics\s*:/.test(line));
  // A multi-line YAML list continues on indented "- item" lines: they belong to the entry.
  let end = start + 1;
  if (start >= 0) while (end < lines.length && /^\s+-\s/.test(lines[end]!)) end++;
  return { lines, start, end, rest: source.slice(match[0].length) };
}

const joined = (lines: readonly string[], rest: string) => `---\n${lines.join('\n')}\n---${rest}`;

/** The file's source with its `topics` entry replaced (or added at the end of the front matter). */
export function withTopics(source: string, topics: readonly string[]): string {
  const found = findTopics(source);
  if (!found) throw new Error('no frontmatter');
  const { lines, start, end, rest } = found;
  if (start >= 0) lines.splice(start, end - start, topicsLine(topics));
  else lines.push(topicsLine(topics));
  return joined(lines, rest);
}

/** The file's source without its `topics` entry, for comparing everything else; unchanged without one. */
export function withoutTopics(source: string): string {
  const found = findTopics(source);
  if (!found || found.start < 0) return source;
  const { lines, start, end, rest } = found;
  lines.splice(start, end - start);
  return joined(lines, rest);
}
