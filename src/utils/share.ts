/** What search engines and share cards read about an article: images, JSON-LD NewsArticle. */
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts.ts';
import type { Province } from '../data/provinces.ts';
import { getTopic } from '../data/topics.ts';
import type { ArticleData } from '../schemas/article.ts';

/** An image in public/. */
export interface ShareImage {
  /** File name in public/. */
  file: string;
  /** Pixels. */
  width: number;
  /** Pixels. */
  height: number;
  /** MIME type. */
  type: string;
  /** Text alternative. */
  alt: string;
}

/** The site's share card (rendered by scripts/render-share-images.ts). */
export const OG_IMAGE: ShareImage = {
  file: 'og-card.png',
  width: 1200,
  height: 630,
  type: 'image/png',
  alt: `${SITE_TITLE}——${SITE_DESCRIPTION}`,
};

/** The publisher's logo, for JSON-LD (rendered by scripts/render-share-images.ts). */
export const LOGO_IMAGE: ShareImage = {
  file: 'logo.png',
  width: 512,
  height: 512,
  type: 'image/png',
  alt: `${SITE_TITLE}标志`,
};

/** A report's date as an ISO 8601 timestamp: reports are dated, not timed, so midnight in China. */
export const publishedTime = (isoDate: string) => `${isoDate}T00:00:00+08:00`;

interface NewsArticleOptions {
  /** The article's frontmatter. */
  data: ArticleData;
  /** Its division. */
  province: Province;
  /** Absolute URLs. */
  urls: { page: string; home: string; province: string; image: string; logo: string };
  /** Meta description. */
  description: string;
}

/** schema.org NewsArticle for an article page. */
export function newsArticle({
  data,
  province,
  urls,
  description,
}: NewsArticleOptions): Record<string, unknown> {
  const image = (file: string, image: ShareImage) => ({
    '@type': 'ImageObject',
    url: file,
    width: image.width,
    height: image.height,
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: data.title,
    description,
    url: urls.page,
    mainEntityOfPage: { '@type': 'WebPage', '@id': urls.page },
    image: [image(urls.image, OG_IMAGE)],
    datePublished: publishedTime(data.date),
    // The archive reproduces a report unchanged, so it was last modified when published.
    dateModified: publishedTime(data.date),
    // The department's reports are listed on its province's page.
    author: [{ '@type': 'Organization', name: data.department, url: urls.province }],
    sourceOrganization: { '@type': 'Organization', name: data.source },
    publisher: {
      '@type': 'Organization',
      name: SITE_TITLE,
      url: urls.home,
      logo: image(urls.logo, LOGO_IMAGE),
    },
    spatialCoverage: {
      '@type': 'AdministrativeArea',
      name: province.name,
      ...(province.code ? { identifier: province.code } : {}),
    },
    inLanguage: 'zh-CN',
    ...(data.topics.length
      ? { keywords: data.topics.map((slug) => getTopic(slug).name).join(',') }
      : {}),
  };
}

/** JSON for a `<script type="application/ld+json">` block: `<` escaped so no text can close the element. */
export const jsonLd = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');
