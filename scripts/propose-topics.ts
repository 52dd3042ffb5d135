/**
 * Proposes topics for articles from their text and, with --write, fills them in.
 *
 *   npx tsx scripts/propose-topics.ts [--write] [--force] [file-or-folder ...]
 *
 * Without paths it reads content/articles/. It prints each article's proposal with the
 * phrases that signalled it. --write sets `topics` in files whose topics are still empty;
 * --force also replaces topics an editor has already chosen.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { articleSchema } from '../src/schemas/article.ts';
import { markdownParagraphs } from '../src/utils/text.ts';
import { proposeTopics, scoreTopics } from '../src/utils/topics.ts';

/** `topics: ["a", "b"]`, the frontmatter style of the archive (JSON-quoted strings). */
export function topicsLine(topics: readonly string[]): string {
  return `topics: [${topics.map((topic) => JSON.stringify(topic)).join(', ')}]`;
}

/** The file's source with its `topics` line replaced (or added at the end of the frontmatter). */
export function withTopics(source: string, topics: readonly string[]): string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (!match) throw new Error('no frontmatter');
  const lines = match[1]!.split(/\r?\n/);
  const index = lines.findIndex((line) => /^topics\s*:/.test(line));
  // A multi-line YAML list continues on indented "- item" lines; replace those too.
  let end = index + 1;
  if (index >= 0) while (end < lines.length && /^\s+-\s/.test(lines[end]!)) end++;
  if (index >= 0) lines.splice(index, end - index, topicsLine(topics));
  else lines.push(topicsLine(topics));
  return `---\n${lines.join('\n')}\n---${source.slice(match[0].length)}`;
}

function markdownFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? markdownFiles(join(path, entry.name))
        : entry.name.endsWith('.md')
          ? [join(path, entry.name)]
          : [],
    )
    .sort();
}

function main(args: string[]): void {
  const write = args.includes('--write');
  const force = args.includes('--force');
  const paths = args.filter((arg) => !arg.startsWith('--'));
  const files = (paths.length ? paths : ['content/articles']).flatMap(markdownFiles);
  let changed = 0;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const { frontmatter, content } = parseFrontmatter(source);
    const data = articleSchema.parse(frontmatter);
    const paragraphs = markdownParagraphs(content);
    const proposed = proposeTopics(data.title, paragraphs);
    const scores = scoreTopics(data.title, paragraphs);
    const name = relative(process.cwd(), file);
    console.log(`${name}\n  proposed: ${proposed.join(', ') || '(none)'}`);
    for (const { slug, score, matched } of scores)
      console.log(`    ${slug} ${score}: ${matched.join('、')}`);
    if (data.topics.length) console.log(`  current:  ${data.topics.join(', ')}`);
    const same = data.topics.join() === proposed.join();
    if (write && !same && (force || data.topics.length === 0)) {
      writeFileSync(file, withTopics(source, proposed));
      changed++;
    }
  }
  if (write) console.log(`${changed} of ${files.length} file(s) updated`);
}

// Run only as a script, so tests can import the helpers.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
