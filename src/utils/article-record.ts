/** One report as data for researchers: the record of /data/articles.json and /data/corpus.jsonl. */
import { getProvince } from '../data/provinces.ts';
import { getTopic } from '../data/topics.ts';
import type { Article } from './articles.ts';
import { markdownParagraphs } from './text.ts';
import { absoluteUrl, articleUrl } from './urls.ts';
import { articleBody } from './article-body.ts';

/** The report's metadata, with absolute URL and the names of its province and topics. */
export function articleRecord(article: Article, site: URL | undefined) {
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
}

/** The record and the full text, paragraphs separated by a line break. */
export function corpusRecord(article: Article, site: URL | undefined) {
  return {
    ...articleRecord(article, site),
    text: markdownParagraphs(articleBody(article)).join('\n'),
  };
}
