/** The whole archive's RSS feed, newest first. */
import type { APIRoute } from 'astro';
import { getArticles } from '../utils/articles.ts';
import { feedResponse } from '../utils/feeds.ts';
import { feedUrl, url } from '../utils/urls.ts';

export const GET: APIRoute = async ({ site }) =>
  feedResponse({ pagePath: url(), feedPath: feedUrl(), articles: await getArticles(), site });
