/**
 * Quality gate: Lighthouse (mobile, served over HTTP/2 with the site's headers: see
 * scripts/lib/lighthouse.ts) scores 100 for accessibility, best practices and SEO on an
 * article, the home page and the search page with results. Performance depends on CPU time,
 * and so on how busy the machine is: `npm run lighthouse` reports it instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lighthouseSite, type LighthouseSite } from '../../scripts/lib/lighthouse.ts';
import { readArticles } from '../helpers/content.ts';
import { siteHeaders } from '../helpers/headers.ts';
import { DIST } from '../helpers/paths.ts';

const CATEGORIES = ['accessibility', 'best-practices', 'seo'] as const;
const PAGES = [
  { name: 'article', path: `articles/${readArticles()[0]!.id}/` },
  { name: 'home', path: '' },
  { name: 'search with results', path: `search/?q=${encodeURIComponent('民政厅')}` },
];

let site: LighthouseSite;
beforeAll(async () => {
  site = await lighthouseSite(DIST, siteHeaders());
});
afterAll(async () => {
  await site?.close();
});

describe('Lighthouse (mobile)', () => {
  for (const target of PAGES) {
    it(`scores 100 for accessibility, best practices and SEO on ${target.name}`, async () => {
      const { scores, findings } = await site.audit(target.path, CATEGORIES);
      const below = CATEGORIES.filter((id) => scores[id] !== 100).map(
        (id) => `/${target.path} (${target.name}): ${id} ${scores[id]}`,
      );
      expect([...below, ...(below.length ? findings : [])]).toEqual([]);
    });
  }
});
