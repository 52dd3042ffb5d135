/** robots.txt pointing crawlers at the sitemap, on whatever origin and base the site is deployed. */
import type { APIRoute } from 'astro';
import { absoluteUrl, fileUrl } from '../utils/urls.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(fileUrl('sitemap-index.xml'), site)}\n`,
    {
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    },
  );
