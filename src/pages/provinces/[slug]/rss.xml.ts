/** One RSS feed per division (an empty, valid feed for divisions without reports yet). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { PROVINCES, type Province } from '../../../data/provinces.ts';
import { getArticles } from '../../../utils/articles.ts';
import { feedResponse } from '../../../utils/feeds.ts';
import { feedUrl, provinceUrl } from '../../../utils/urls.ts';

export const getStaticPaths = (() =>
  PROVINCES.map((province) => ({
    params: { slug: province.slug },
    props: { province },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ province: Province }> = async ({ props: { province }, site }) =>
  feedResponse({
    title: province.name,
    description: `${province.name}民政部门会议报道`,
    pagePath: provinceUrl(province.slug),
    feedPath: feedUrl(province.slug),
    articles: (await getArticles()).filter((article) => article.data.province === province.slug),
    site,
  });
