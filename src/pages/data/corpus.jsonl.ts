/** The whole corpus for researchers: one report a line (JSON Lines), newest first, with its full text. */
import type { APIRoute } from 'astro';
import { corpusRecord } from '../../utils/article-record.ts';
import { getArticles } from '../../utils/articles.ts';

export const GET: APIRoute = async ({ site }) => {
  const lines = (await getArticles()).map(
    (article) => `${JSON.stringify(corpusRecord(article, site))}\n`,
  );
  return new Response(lines.join(''), {
    headers: { 'Content-Type': 'application/jsonl; charset=utf-8' },
  });
};
