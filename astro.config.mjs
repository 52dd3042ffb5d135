// @ts-check
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import searchIndex from './src/integrations/search-index.ts';
import { MARKDOWN_OPTIONS } from './src/markdown/options.ts';
import { basePath } from './src/utils/base-path.ts';
import { sitemapFilter } from './src/utils/sitemap.ts';

/** `SITE_URL` is the deployed origin; `BASE_PATH` the subpath the site is served under (e.g. /archive/). */
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = basePath();

export default defineConfig({
  site,
  base,
  output: 'static',
  // The sitemap lists every page but the 404 and redirects; robots.txt (src/pages/robots.txt.ts)
  // points at it.
  integrations: [searchIndex(), sitemap({ filter: sitemapFilter(new URL('./', import.meta.url)) })],
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  markdown: {
    // remark-cjk-friendly, no GFM, no smartypants; raw HTML shown as text, no script URLs
    // (src/markdown/).
    processor: unified(MARKDOWN_OPTIONS),
  },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Never inline scripts: the Content-Security-Policy allows scripts from our own origin only.
      assetsInlineLimit: 0,
    },
    worker: { format: 'es' },
    // Articles' bodies are read from their files (src/utils/article-body.ts), relative to here.
    define: {
      'import.meta.env.PROJECT_ROOT': JSON.stringify(fileURLToPath(new URL('./', import.meta.url))),
    },
  },
  // Tests and benchmarks build other archives side by side; each gets its own content cache.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
});
