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
import { articleBody } from './article-body.ts';

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
export const TERMS_PER_REPORT = 60;
/**
 * A kept term in more reports than this still counts in the similarity, but does not bring
 * candidates: its report list grows with the archive, and a phrase that common says little.
 */
export const CANDIDATE_TERM_MAX_REPORTS = 128;
/** Candidates scored per report: the most promising by their rare shared terms… */
export const TEXT_CANDIDATES = 48;
/** …and the nearest other provinces' reports of the same weeks. */
export const SAME_WEEKS_CANDIDATES = 48;
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

/** A report's kept terms: IDs in ascending order, unit-length TF-IDF weights beside them. */
interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Work done, for tests that check it stays bounded per report. */
export interface RelatedWork {
  /** Report-list entries visited to find candidates. */
  postingsVisited: number;
  /** Candidates whose similarity was computed. */
  candidatesScored: number;
}

/** Document frequencies of every phrase; the counts themselves are not kept (memory). */
function documentFrequencies(texts: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const text of texts)
    for (const term of phraseCounts(text).keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return df;
}

/** A report's top distinctive terms, unit-length TF-IDF weights over the whole vector. */
function distinctiveTerms(
  text: string,
  df: Map<string, number>,
  total: number,
  termIds: Map<string, number>,
): TermVector {
  const weights: [string, number][] = [];
  let norm = 0;
  for (const [term, count] of phraseCounts(text)) {
    const idf = Math.log(total / df.get(term)!);
    if (idf <= 0) continue;
    const weight = (1 + Math.log(count)) * idf;
    norm += weight * weight;
    // Only phrases another report shares can relate two reports.
    if (df.get(term)! > 1) weights.push([term, weight]);
  }
  norm = Math.sqrt(norm) || 1;
  weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = weights.slice(0, TERMS_PER_REPORT).map(([term, weight]) => {
    if (!termIds.has(term)) termIds.set(term, termIds.size);
    return [termIds.get(term)!, weight / norm] as const;
  });
  kept.sort((a, b) => a[0] - b[0]);
  return {
    ids: Int32Array.from(kept, ([id]) => id),
    weights: Float64Array.from(kept, ([, weight]) => weight),
  };
}

/** Dot product of two term vectors (both sorted by term ID). */
function dot(a: TermVector, b: TermVector): number {
  let sum = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length;) {
    if (a.ids[i]! < b.ids[j]!) i++;
    else if (a.ids[i]! > b.ids[j]!) j++;
    else sum += a.weights[i++]! * b.weights[j++]!;
  }
  return sum;
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

/** Topic weights ln(1 + N/df): a topic every report has still counts a little. */
function topicWeights(items: readonly RelatedInput[]): Map<string, number> {
  const topicDf = new Map<string, number>();
  for (const item of items)
    for (const topic of new Set(item.topics)) topicDf.set(topic, (topicDf.get(topic) ?? 0) + 1);
  return new Map([...topicDf].map(([topic, n]) => [topic, Math.log(1 + items.length / n)]));
}

/** For one term, the reports that keep it and its weight in each. */
interface Posting {
  reports: Int32Array;
  weights: Float64Array;
}

/** For each term ID, the reports that keep it, when there are few enough to bring candidates. */
function candidatePostings(vectors: readonly TermVector[], termCount: number): Posting[] {
  const counts = new Int32Array(termCount);
  for (const { ids } of vectors) for (const id of ids) counts[id]!++;
  const postings = Array.from(counts, (count) => {
    const length = count <= CANDIDATE_TERM_MAX_REPORTS ? count : 0;
    return { reports: new Int32Array(length), weights: new Float64Array(length) };
  });
  const filled = new Int32Array(termCount);
  vectors.forEach(({ ids, weights }, index) => {
    ids.forEach((id, k) => {
      const posting = postings[id]!;
      if (!posting.reports.length) return;
      posting.reports[filled[id]!] = index;
      posting.weights[filled[id]!++] = weights[k]!;
    });
  });
  return postings;
}

/** The archive prepared for choosing: items by ID, their vectors, report lists, date order. */
interface Prepared {
  items: RelatedInput[];
  vectors: TermVector[];
  postings: Posting[];
  topicWeight: Map<string, number>;
  /** Item indices by date, then ID. */
  byDate: Int32Array;
  /** Each item's position in `byDate`. */
  datePosition: Int32Array;
  /** Each item's date as a day number, so distances cost a subtraction. */
  day: Int32Array;
}

function prepare(reports: readonly RelatedInput[]): Prepared {
  // Sorting by ID first makes every later step independent of the input order.
  const items = [...reports].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const df = documentFrequencies(items.map((item) => item.text));
  const termIds = new Map<string, number>();
  const vectors = items.map((item) => distinctiveTerms(item.text, df, items.length, termIds));
  const byDate = Int32Array.from(items.keys()).sort((a, b) =>
    items[a]!.date < items[b]!.date ? -1 : items[a]!.date > items[b]!.date ? 1 : a - b,
  );
  const datePosition = new Int32Array(items.length);
  byDate.forEach((index, position) => (datePosition[index] = position));
  const postings = candidatePostings(vectors, termIds.size);
  const day = Int32Array.from(items, (item) => daysBetween('1970-01-01', item.date));
  const topicWeight = topicWeights(items);
  return { items, vectors, postings, topicWeight, byDate, datePosition, day };
}

/** The `TEXT_CANDIDATES` reports sharing the most weight of `index`'s rarer kept terms. */
function textCandidates(
  archive: Prepared,
  index: number,
  partial: Float64Array,
  work: RelatedWork,
): number[] {
  const touched: number[] = [];
  const { ids, weights } = archive.vectors[index]!;
  ids.forEach((id, k) => {
    const posting = archive.postings[id]!;
    posting.reports.forEach((other, p) => {
      work.postingsVisited++;
      if (other === index) return;
      if (partial[other] === 0) touched.push(other);
      partial[other]! += weights[k]! * posting.weights[p]!;
    });
  });
  touched.sort((a, b) => partial[b]! - partial[a]! || a - b);
  for (const other of touched) partial[other] = 0;
  return touched.slice(0, TEXT_CANDIDATES);
}

/** The nearest other provinces' reports within `SAME_WEEKS_DAYS`, at most `SAME_WEEKS_CANDIDATES`. */
function sameWeeksCandidates(archive: Prepared, index: number): number[] {
  const { items, byDate, day } = archive;
  const item = items[index]!;
  const found: number[] = [];
  let before = archive.datePosition[index]! - 1;
  let after = before + 2;
  const distance = (position: number) =>
    position < 0 || position >= byDate.length
      ? Infinity
      : Math.abs(day[byDate[position]!]! - day[index]!);
  // Bounded even where one province fills the weeks: never more than a few times the answer.
  for (
    let visits = 0;
    found.length < SAME_WEEKS_CANDIDATES && visits < 4 * SAME_WEEKS_CANDIDATES;
    visits++
  ) {
    const position = distance(before) <= distance(after) ? before-- : after++;
    if (distance(position) > SAME_WEEKS_DAYS) break;
    const other = byDate[position]!;
    if (items[other]!.province !== item.province) found.push(other);
  }
  return found;
}

/** Candidates of `index` that are related enough, most related first, at most `limit`. */
function chooseRelated(
  archive: Prepared,
  index: number,
  candidates: Iterable<number>,
  limit: number,
): string[] {
  const { items, vectors, topicWeight } = archive;
  const item = items[index]!;
  const scored: { id: string; score: number; distance: number }[] = [];
  for (const other of candidates) {
    const textSimilarity = dot(vectors[index]!, vectors[other]!);
    // Only reports that share a kept phrase are related; topics alone are not enough.
    if (textSimilarity <= 0) continue;
    const candidate = items[other]!;
    const relevance =
      TEXT_WEIGHT * textSimilarity +
      TOPIC_WEIGHT * topicSimilarity(item.topics, candidate.topics, topicWeight);
    if (relevance < MIN_RELEVANCE) continue;
    const distance = Math.abs(archive.day[other]! - archive.day[index]!);
    const bonus =
      candidate.province !== item.province && distance <= SAME_WEEKS_DAYS
        ? SAME_WEEKS_OTHER_PROVINCE_BONUS
        : 0;
    scored.push({ id: candidate.id, score: relevance * (1 + bonus), distance });
  }
  // Ties: the nearer in time, then the ID, so the order never depends on anything else.
  scored.sort((a, b) => b.score - a.score || a.distance - b.distance || (a.id < b.id ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.id);
}

/**
 * For every report, the IDs of up to `limit` related reports, most related first. The work per
 * report is bounded whatever the archive's size: candidates come from phrases few reports keep
 * and from the same weeks, at most `TEXT_CANDIDATES + SAME_WEEKS_CANDIDATES` of them.
 */
export function relatedReports(
  reports: readonly RelatedInput[],
  limit = RELATED_LIMIT,
  work: RelatedWork = { postingsVisited: 0, candidatesScored: 0 },
): Map<string, string[]> {
  const archive = prepare(reports);
  const partial = new Float64Array(archive.items.length);
  const result = new Map<string, string[]>();
  archive.items.forEach((item, index) => {
    const candidates = new Set([
      ...textCandidates(archive, index, partial, work),
      ...sameWeeksCandidates(archive, index),
    ]);
    work.candidatesScored += candidates.size;
    result.set(item.id, chooseRelated(archive, index, candidates, limit));
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
    text: [title, ...markdownParagraphs(articleBody(article))].join('\n'),
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
