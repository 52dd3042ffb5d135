/** RSS 2.0 feeds of the archive: full text, sanitised, absolute URLs on the deployed origin. */
import rss, { type RSSFeedItem } from '@astrojs/rss';
import sanitizeHtml from 'sanitize-html';
import { FEED_ITEMS, SITE_DESCRIPTION, SITE_TITLE } from '../consts.ts';
import { getProvince } from '../data/provinces.ts';
import { getTopic } from '../data/topics.ts';
import type { Article } from './articles.ts';
import { markdownParagraphs, firstSentence } from './text.ts';
import { absoluteUrl, articleUrl } from './urls.ts';
import { articleBody } from './article-body.ts';

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
    'sup',
    'sub',
    'code',
    'pre',
    'hr',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  // No javascript:, data: or protocol-relative URLs in anybody's feed reader.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

/** Article HTML made safe for feed readers: no scripts, frames, event handlers or script URLs; links made absolute. */
export function sanitizeFeedHtml(html: string, pageUrl: string): string {
  const absolute = (attribute: string) => (tagName: string, attribs: sanitizeHtml.Attributes) => {
    const value = attribs[attribute];
    if (value === undefined) return { tagName, attribs };
    try {
      return { tagName, attribs: { ...attribs, [attribute]: new URL(value, pageUrl).href } };
    } catch {
      const { [attribute]: _dropped, ...rest } = attribs;
      return { tagName, attribs: rest };
    }
  };
  return sanitizeHtml(html, {
    ...SANITIZE,
    transformTags: { a: absolute('href'), img: absolute('src') },
  });
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Reports were dated, not timed: midnight in China. */
const pubDate = (isoDate: string) => new Date(`${isoDate}T00:00:00+08:00`);

/** One feed item per article: title, link, date, first sentence, full sanitised text with its source, categories. */
export function feedItem(article: Article, site: URL | undefined): RSSFeedItem {
  const { title, date, department, source, topics } = article.data;
  const link = absoluteUrl(articleUrl(article.id), site);
  const body = sanitizeFeedHtml(article.rendered?.html ?? '', link);
  return {
    title,
    link,
    pubDate: pubDate(date),
    // Readers treat <description> as HTML: the plain-text sentence is escaped so that it stays
    // text.
    description: escapeXml(firstSentence(markdownParagraphs(articleBody(article))[0] ?? title)),
    content: `${body}<p>来源：${escapeXml(source)}</p>`,
    categories: [
      getProvince(article.data.province).name,
      ...topics.map((slug) => getTopic(slug).name),
    ],
    customData: `<dc:creator>${escapeXml(department)}</dc:creator>`,
  };
}

interface FeedOptions {
  /** Channel title, after the site's name. */
  title?: string;
  /** Channel description. */
  description?: string;
  /** Site path of the page the feed belongs to (the channel's link). */
  pagePath: string;
  /** Site path of the feed itself (its atom:link rel=self). */
  feedPath: string;
  /** Newest first. */
  articles: readonly Article[];
  /** The deployed origin, `context.site`. */
  site: URL | undefined;
}

/** An RSS 2.0 response of the `FEED_ITEMS` newest reports, with language, self link and a build date taken from the newest report. */
export function feedResponse({
  title,
  description = SITE_DESCRIPTION,
  pagePath,
  feedPath,
  articles,
  site,
}: FeedOptions): Promise<Response> {
  const newest = articles[0];
  return rss({
    title: title ? `${SITE_TITLE} · ${title}` : SITE_TITLE,
    description,
    site: absoluteUrl(pagePath, site),
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData: [
      '<language>zh-cn</language>',
      `<atom:link href="${escapeXml(absoluteUrl(feedPath, site))}" rel="self" type="application/rss+xml"/>`,
      // From the content, not the clock, so a rebuild of the same archive gives the same file.
      newest ? `<lastBuildDate>${pubDate(newest.data.date).toUTCString()}</lastBuildDate>` : '',
    ].join(''),
    items: articles.slice(0, FEED_ITEMS).map((article) => feedItem(article, site)),
  });
}
