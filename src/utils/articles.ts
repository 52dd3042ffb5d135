/** Queries over the articles collection, shared by every page. */
import { getCollection, type CollectionEntry } from 'astro:content';

export type Article = CollectionEntry<'articles'>;

/** Newest first; same day: by ID, so the order never depends on file-system order. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.data.date.localeCompare(a.data.date) || b.id.localeCompare(a.id);
}

let cache: Article[] | undefined;

/** All articles, newest first. */
export async function getArticles(): Promise<Article[]> {
  cache ??= (await getCollection('articles')).sort(compareNewestFirst);
  return cache;
}

/** Groups items by a key, keeping the items' order and the keys' first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Counts items per key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Position of each article by ID, per list, so that a build asks for every article's neighbours in linear time. */
const positions = new WeakMap<readonly Article[], Map<string, number>>();

/** The chronological neighbours of an article: the one before it in time and the one after. */
export function neighbours(
  articles: readonly Article[],
  id: string,
): { earlier: Article | undefined; later: Article | undefined } {
  let byId = positions.get(articles);
  if (!byId)
    positions.set(articles, (byId = new Map(articles.map((article, i) => [article.id, i]))));
  const index = byId.get(id) ?? -1;
  if (index === -1) return { earlier: undefined, later: undefined };
  // `articles` is newest first, so the earlier report follows in the array.
  return { earlier: articles[index + 1], later: index > 0 ? articles[index - 1] : undefined };
}
