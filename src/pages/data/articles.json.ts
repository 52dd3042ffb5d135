/** The archive's index as JSON, for researchers: one record per report, newest first. */
import type { APIRoute } from 'astro';
import { SITE_TITLE } from '../../consts.ts';
import { TOPICS } from '../../data/topics.ts';
import { articleRecord } from '../../utils/article-record.ts';
import { getArticles } from '../../utils/articles.ts';
import { absoluteUrl, url } from '../../utils/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  const articles = await getArticles();
  const index = {
    title: SITE_TITLE,
    home: absoluteUrl(url(), site),
    count: articles.length,
    topics: TOPICS.map(({ slug, name }) => ({ slug, name })),
    articles: articles.map((article) => articleRecord(article, site)),
  };
  return new Response(`${JSON.stringify(index, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
