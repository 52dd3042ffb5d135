/** The archive's index as JSON, for researchers: one record per report, newest first. */
import type { APIRoute } from 'astro';
import { SITE_TITLE } from '../../consts.ts';
import { getProvince } from '../../data/provinces.ts';
import { getTopic, TOPICS } from '../../data/topics.ts';
import { getArticles } from '../../utils/articles.ts';
import { absoluteUrl, articleUrl, url } from '../../utils/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  const articles = await getArticles();
  const index = {
    title: SITE_TITLE,
    home: absoluteUrl(url(), site),
    count: articles.length,
    topics: TOPICS.map(({ slug, name }) => ({ slug, name })),
    articles: articles.map((article) => {
      const { title, date, department, source, topics } = article.data;
      const province = getProvince(article.data.province);
      return {
        id: article.id,
        url: absoluteUrl(articleUrl(article.id), site),
        title,
        date,
        province: { code: province.code, slug: province.slug, name: province.name },
        department,
        source,
        topics: topics.map((slug) => ({ slug, name: getTopic(slug).name })),
      };
    }),
  };
  return new Response(`${JSON.stringify(index, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
