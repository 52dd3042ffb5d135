/**
 * The content store keeps no article bodies (src/utils/article-body.ts): at 100,000 reports they
 * were a third of `astro build`'s memory. Pages read each body from its file, so the built page
 * still holds every paragraph of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { markdownParagraphs } from '../../src/utils/text.ts';
import { buildInto } from '../helpers/astro.ts';
import { ARTICLES } from '../helpers/paths.ts';

const articleFiles = () =>
  (readdirSync(ARTICLES, { recursive: true }) as string[]).filter((file) => file.endsWith('.md'));

describe('the content store', () => {
  it('holds no article body, and every article page still shows its whole text', async () => {
    const { outDir, result } = await buildInto();
    expect(result.code, result.output).toBe(0);
    const store = readFileSync(join(dirname(outDir), 'cache', 'data-store.json'), 'utf8');
    expect(articleFiles().length).toBeGreaterThan(0);
    for (const file of articleFiles()) {
      const { content } = parseFrontmatter(readFileSync(join(ARTICLES, file), 'utf8'));
      const body = content.trim();
      // Stored, the body would be one JSON string of its own.
      expect(store.includes(JSON.stringify(body))).toBe(false);
      const id = file.split('/').pop()!.replace(/\.md$/, '');
      const $ = load(readFileSync(join(outDir, 'articles', id, 'index.html'), 'utf8'));
      const shown = $('article .body p')
        .map((_, p) => $(p).text())
        .get();
      expect(shown.join('\n')).toBe(markdownParagraphs(body).join('\n'));
    }
  });
});
