/**
 * Proposing topics for a report from its text. Pure and deterministic; imports only the
 * vocabulary, so the importer and plain Node scripts can call it.
 */
import { TOPICS, type Topic, type TopicSlug } from '../data/topics.ts';

/** How strongly a report's text signals one topic. */
export interface TopicScore {
  /** The topic's slug. */
  slug: TopicSlug;
  /** Phrase matches, title matches counting double. */
  score: number;
  /** The distinct phrases found, in the order first seen. */
  matched: string[];
}

/** A headline names what the meeting was about, so its phrases weigh more than the body's. */
const TITLE_WEIGHT = 2;

/** Topics need at least this score to be proposed: one mention in the body is enough. */
export const MIN_TOPIC_SCORE = 1;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One alternation per topic, longest phrase first, so 老年助餐 is one match, not also 老年.
const MATCHERS = new Map<Topic, RegExp>(
  TOPICS.map((topic) => [
    topic,
    new RegExp(
      [...topic.phrases]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    ),
  ]),
);

/** Every topic whose phrases occur in the text, in vocabulary order. */
export function scoreTopics(title: string, paragraphs: readonly string[]): TopicScore[] {
  const body = paragraphs.join('\n');
  const scores: TopicScore[] = [];
  for (const [topic, matcher] of MATCHERS) {
    const inTitle = title.match(matcher) ?? [];
    const inBody = body.match(matcher) ?? [];
    if (!inTitle.length && !inBody.length) continue;
    scores.push({
      slug: topic.slug,
      score: inTitle.length * TITLE_WEIGHT + inBody.length,
      matched: [...new Set([...inTitle, ...inBody])],
    });
  }
  return scores;
}

/**
 * Topic slugs proposed for a report, in vocabulary order (so re-running never reorders a file).
 * The values are exactly what an article's `topics` frontmatter accepts.
 */
export function proposeTopics(title: string, paragraphs: readonly string[]): TopicSlug[] {
  return scoreTopics(title, paragraphs)
    .filter((topic) => topic.score >= MIN_TOPIC_SCORE)
    .map((topic) => topic.slug);
}
