/**
 * The site's Markdown pipeline, shared by astro.config.mjs and the tests that render Markdown
 * the way the site does.
 */
import remarkCjkFriendly from 'remark-cjk-friendly';
import { rehypeSafeUrls, remarkLiteralHtml } from './safe.ts';

export const MARKDOWN_OPTIONS = {
  // CJK-aware emphasis; raw HTML shown as text; no script URLs (see ./safe.ts).
  remarkPlugins: [remarkCjkFriendly, remarkLiteralHtml],
  rehypePlugins: [rehypeSafeUrls],
  // Faithful text: no typographic rewriting (smartypants) and no GFM (a single ~ would strike text
  // through).
  gfm: false,
  smartypants: false,
};
