/**
 * Related reports, chosen at build time: reports that share distinctive phrases
 * (Chinese character bigrams and trigrams weighted by TF-IDF over the archive) and
 * topics, preferring other provinces' reports from the same weeks — how did other
 * provinces carry out the same instruction? Pure and deterministic: the same archive
 * gives the same choice whatever order the reports come in.
 */
import type { Article } from './articles.ts';
import { daysBetween } from './dates.ts';
import { markdownParagraphs } from './text.ts';

/** What the choice looks at in one report. */
export interface RelatedInput {
  /** The article ID. */
  id: string;
  /** Province slug. */
  province: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Topic slugs. */
  topics: readonly string[];
  /** Title and body as plain text. */
  text: string;
}

/** Reports listed under an article. */
export const RELATED_LIMIT = 5;

/** Reports this many days apart or fewer count as "the same weeks". */
export const SAME_WEEKS_DAYS = 7;

/** Distinctive terms kept per report; rarer, more frequent phrases first. */
const TERMS_PER_REPORT = 60;
/** Shared phrases matter more than shared topics; topics break ties between similar texts. */
const TEXT_WEIGHT = 0.75;
const TOPIC_WEIGHT = 0.25;
/** Another province's report from the same weeks gets this much more weight. */
const SAME_WEEKS_OTHER_PROVINCE_BONUS = 0.5;
/** Below this relevance a report is not related, just from the same archive. */
const MIN_RELEVANCE = 0.02;

const HAN_RUN = /\p{Script=Han}+/gu;

/** Character bigrams and trigrams of the text's Han runs, with their counts. */
export function phraseCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [run] of text.matchAll(HAN_RUN)) {
    // Code-unit slices are much faster; rare characters outside the BMP need code points.
    const chars: string | string[] = /[\uD800-\uDFFF]/.test(run) ? [...run] : run;
    for (let n = 2; n <= 3; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        const term =
          typeof chars === 'string' ? chars.slice(i, i + n) : chars.slice(i, i + n).join('');
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** A report's top distinctive terms, unit-length TF-IDF weights over the whole vector. */
function distinctiveTerms(
  counts: Map<string, number>,
  df: Map<string, number>,
  total: number,
): Map<string, number> {
  const weights: [string, number][] = [];
  let norm = 0;
  for (const [term, count] of counts) {
    const idf = Math.log(total / df.get(term)!);
    if (idf <= 0) continue;
    const weight = (1 + Math.log(count)) * idf;
    norm += weight * weight;
    // Only phrases another report shares can relate two reports.
    if (df.get(term)! > 1) weights.push([term, weight]);
  }
  norm = Math.sqrt(norm) || 1;
  weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(weights.slice(0, TERMS_PER_REPORT).map(([term, weight]) => [term, weight / norm]));
}

/** Cosine of two topic sets, each topic weighted by its rarity in the archive. */
function topicSimilarity(
  a: readonly string[],
  b: readonly string[],
  topicWeight: Map<string, number>,
): number {
  if (!a.length || !b.length) return 0;
  const norm = (topics: readonly string[]) =>
    Math.sqrt(topics.reduce((sum, t) => sum + topicWeight.get(t)! ** 2, 0));
  const shared = a
    .filter((t) => b.includes(t))
    .reduce((sum, t) => sum + topicWeight.get(t)! ** 2, 0);
  return shared / (norm(a) * norm(b));
}

/** Each topic's weight by its rarity: ln(1 + N/df), so a topic every report has still counts a little. */
function topicWeights(items: readonly RelatedInput[]): Map<string, number> {
  const topicDf = new Map<string, number>();
  for (const item of items)
    for (const topic of new Set(item.topics)) topicDf.set(topic, (topicDf.get(topic) ?? 0) + 1);
  return new Map([...topicDf].map(([topic, n]) => [topic, Math.log(1 + items.length / n)]));
}

/** Inverted index over the kept terms: a report only meets reports sharing one of them. */
function postingsOf(vectors: readonly Map<string, number>[]) {
  const postings = new Map<string, [index: number, weight: number][]>();
  vectors.forEach((vector, index) => {
    for (const [term, weight] of vector) {
      const list = postings.get(term);
      if (list) list.push([index, weight]);
      else postings.set(term, [[index, weight]]);
    }
  });
  return postings;
}

/**
 * The reports related to `item` by relevance (text similarity `dot`, by index in `items`, and
 * shared topics), with the bonus for another province in the same weeks, best first.
 */
function ranked(
  item: RelatedInput,
  dot: ReadonlyMap<number, number>,
  items: readonly RelatedInput[],
  topicWeight: Map<string, number>,
): string[] {
  const scored: { id: string; score: number; distance: number }[] = [];
  for (const [other, textSimilarity] of dot) {
    const candidate = items[other]!;
    const relevance =
      TEXT_WEIGHT * textSimilarity +
      TOPIC_WEIGHT * topicSimilarity(item.topics, candidate.topics, topicWeight);
    if (relevance < MIN_RELEVANCE) continue;
    const distance = Math.abs(daysBetween(item.date, candidate.date));
    const bonus =
      candidate.province !== item.province && distance <= SAME_WEEKS_DAYS
        ? SAME_WEEKS_OTHER_PROVINCE_BONUS
        : 0;
    scored.push({ id: candidate.id, score: relevance * (1 + bonus), distance });
  }
  // Ties: the nearer in time, then the ID, so the order never depends on anything else.
  scored.sort((a, b) => b.score - a.score || a.distance - b.distance || (a.id < b.id ? -1 : 1));
  return scored.map((s) => s.id);
}

/** For every report, the IDs of up to `limit` related reports, most related first. */
export function relatedReports(
  reports: readonly RelatedInput[],
  limit = RELATED_LIMIT,
): Map<string, string[]> {
  // Sorting by ID first makes every later step independent of the input order.
  const items = [...reports].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = items.length;

  const counts = items.map((item) => phraseCounts(item.text));
  const df = new Map<string, number>();
  for (const terms of counts)
    for (const term of terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const vectors = counts.map((terms) => distinctiveTerms(terms, df, total));
  const topicWeight = topicWeights(items);
  const postings = postingsOf(vectors);

  const result = new Map<string, string[]>();
  items.forEach((item, index) => {
    const dot = new Map<number, number>();
    for (const [term, weight] of vectors[index]!) {
      for (const [other, otherWeight] of postings.get(term)!) {
        if (other !== index) dot.set(other, (dot.get(other) ?? 0) + weight * otherWeight);
      }
    }
    result.set(item.id, ranked(item, dot, items, topicWeight).slice(0, limit));
  });
  return result;
}

/** What `relatedReports` needs from an article of the collection. */
export function relatedInput(article: Article): RelatedInput {
  const { title, province, date, topics } = article.data;
  return {
    id: article.id,
    province,
    date,
    topics,
    text: [title, ...markdownParagraphs(article.body ?? '')].join('\n'),
  };
}

/** Related articles for every article of the archive, keyed by ID. */
export function relatedArticles(
  articles: readonly Article[],
  limit = RELATED_LIMIT,
): Map<string, Article[]> {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const related = relatedReports(articles.map(relatedInput), limit);
  return new Map([...related].map(([id, ids]) => [id, ids.map((other) => byId.get(other)!)]));
}
