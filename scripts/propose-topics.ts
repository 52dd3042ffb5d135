/**
 * Proposes topics for articles from their text and, with --write, fills them in.
 *
 *   npx tsx scripts/propose-topics.ts [--write] [--force] [file-or-folder ...]
 *
 * Without paths it reads content/articles/. It prints each article's proposal with the
 * phrases that signalled it. --write sets `topics` in files whose topics are still empty;
 * --force also replaces topics an editor has already chosen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { articleSchema } from '../src/schemas/article.ts';
import { markdownParagraphs } from '../src/utils/text.ts';
import { proposeTopics, scoreTopics } from '../src/utils/topics.ts';
import { withTopics } from '../src/utils/topics-line.ts';
import { filesBelow } from './lib/files-below.ts';

/** The command line: an unknown or mistyped flag is an error, not a path or a silent no-op. */
export function parseTopicArgs(argv: string[]): {
  write: boolean;
  force: boolean;
  paths: string[];
} {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      write: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  return { write: values.write, force: values.force, paths: positionals };
}

function main(argv: string[]): void {
  let args;
  try {
    args = parseTopicArgs(argv);
  } catch (error) {
    console.error(`propose-topics: ${(error as Error).message}`);
    console.error('usage: npm run topics -- [--write] [--force] [file-or-folder ...]');
    process.exit(2);
  }
  const { write, force, paths } = args;
  const files = (paths.length ? paths : ['content/articles']).flatMap((path) =>
    filesBelow(path, (name) => name.endsWith('.md')),
  );
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
