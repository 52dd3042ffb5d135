/** The reports as the exact search sees them, read from a build: the ground truth's documents. */
import { fold } from '../../src/search/normalize.ts';
import { readArticles } from './content.ts';
import { page } from './dist.ts';
import { ARTICLES, DIST } from './paths.ts';

/** Each article's URL, date, province, folded title and folded rendered body (from its built page). */
export function searchDocuments(articles = ARTICLES, root = DIST) {
  return readArticles(articles).map((article) => {
    const $ = page(`/articles/${article.id}/`, root);
    return {
      id: article.id,
      url: `/articles/${article.id}/`,
      date: article.data.date,
      province: article.data.province,
      title: fold(article.data.title),
      body: fold($('article .body').text()),
    };
  });
}
