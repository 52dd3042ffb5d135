/**
 * The article model: frontmatter schema and file-layout rules. The single source
 * of truth for the site's content collection and for every script (importer, tests).
 * Imports only `zod`, the registries and plain utilities so that plain Node scripts can use it.
 */
import { z } from 'astro/zod';
import { PROVINCE_SLUGS } from '../data/provinces.ts';
import { TOPIC_SLUGS } from '../data/topics.ts';
import { ISO_DATE, isCalendarDate } from '../utils/dates.ts';

export { isCalendarDate };

/** The earliest date an article may have: the founding of the People's Republic. */
export const EARLIEST_DATE = '1949-10-01';
/** The latest date an article may have; a later one is a typo, not a report. */
export const LATEST_DATE = '2099-12-31';
/** The years `EARLIEST_DATE` and `LATEST_DATE` fall in, e.g. for a `--year` option. */
export const EARLIEST_YEAR = Number(EARLIEST_DATE.slice(0, 4));
export const LATEST_YEAR = Number(LATEST_DATE.slice(0, 4));

/** True when a YYYY-MM-DD date lies within EARLIEST_DATE … LATEST_DATE (ISO dates sort as strings). */
export function isInDateRange(value: string): boolean {
  return value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/** What to say about a date outside the range. */
export const DATE_RANGE_MESSAGE = `dates must lie between ${EARLIEST_DATE} and ${LATEST_DATE}`;

const nonEmptyText = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/** Frontmatter of one article. Strict: an unknown key is an error, so a typo cannot pass silently. */
export const articleSchema = z.strictObject({
  /** The report's headline as published. */
  title: nonEmptyText('title'),
  /** Meeting/report date, a quoted YYYY-MM-DD string naming a real calendar day from EARLIEST_DATE to LATEST_DATE. */
  date: z
    .custom<string>((value) => typeof value === 'string', {
      // js-yaml turns an unquoted date into a Date and silently rolls 2024-02-30 over to
      // 2024-03-01.
      error: 'date must be a quoted string like "2024-03-14"',
    })
    .refine((value) => ISO_DATE.test(value), { error: 'date must be written YYYY-MM-DD' })
    .refine(isCalendarDate, { error: 'date is not a real calendar day' })
    // Said only of real days: a malformed date already has its message above.
    .refine((value) => !isCalendarDate(value) || isInDateRange(value), {
      error: (issue) => `date "${String(issue.input)}" is out of range: ${DATE_RANGE_MESSAGE}`,
    }),
  /** Slug of the division from the province registry, e.g. zhejiang. */
  province: z.enum(PROVINCE_SLUGS, {
    error: (issue) => `province "${String(issue.input)}" is not a slug in the province registry`,
  }),
  /** The body that held the meeting, e.g. 浙江省民政厅. */
  department: nonEmptyText('department'),
  /** Whom the report is credited to, from the source's (据…) line. */
  source: nonEmptyText('source'),
  /** Topic slugs from the vocabulary in src/data/topics.ts (e.g. shehui-jiuzhu), each at most once. */
  topics: z
    .array(
      z.enum(TOPIC_SLUGS, {
        error: (issue) =>
          `topic "${String(issue.input)}" is not a slug in the topic vocabulary (${TOPIC_SLUGS.join(', ')})`,
      }),
      { error: 'topics must be a list of topic slugs' },
    )
    .refine((topics) => new Set(topics).size === topics.length, {
      error: 'topics must not repeat a topic',
    })
    .default([]),
  /**
   * IDs the report had before a correction renamed its file, e.g. ["2024-03-13-hubei"]: each
   * old address /articles/<id>/ stays, as a page that leads to the report. Each is an article
   * ID (`yyyy-mm-dd-<slug>[-N]` with a real calendar day; the slug need not be in today's
   * registry), listed once. Optional, as few reports are ever renamed. The loader refuses an
   * address two articles claim.
   */
  formerIds: z
    .array(
      z.string({ error: 'each former ID must be a quoted string like "2024-03-13-hubei"' }).refine(
        // An article ID is the stem of a file laid out as an article.
        (id) =>
          parseArticlePath(`${id.slice(0, 4)}/${id}.md`)?.id === id &&
          isCalendarDate(id.slice(0, 10)),
        {
          error: (issue) =>
            `former ID "${String(issue.input)}" is not an article ID like 2024-03-13-hubei`,
        },
      ),
      { error: 'formerIds must be a list of article IDs' },
    )
    .refine((ids) => new Set(ids).size === ids.length, { error: 'formerIds must not repeat an ID' })
    .optional(),
});

/** Validated frontmatter of one article. */
export type ArticleData = z.output<typeof articleSchema>;
/** Frontmatter as written in a file, before defaults. */
export type ArticleInput = z.input<typeof articleSchema>;

/** `<yyyy>/<yyyy-mm-dd>-<slug>[-N].md`, relative to the articles folder. */
const ARTICLE_PATH = /^(\d{4})\/((\d{4}-\d{2}-\d{2})-([a-z]+)(?:-([2-9]|[1-9]\d+))?)\.md$/;

/** What an article's path says about it. */
export interface ArticlePathInfo {
  /** The file stem: the article's permanent ID and URL segment. */
  id: string;
  /** The year folder. */
  year: string;
  /** The date in the file name. */
  date: string;
  /** The province slug in the file name. */
  province: string;
  /** 1 for the first report of a province on a day, 2 for `-2`, and so on. */
  sequence: number;
}

/** Parses a path relative to the articles folder; undefined when it is not laid out as an article. */
export function parseArticlePath(relativePath: string): ArticlePathInfo | undefined {
  const match = ARTICLE_PATH.exec(relativePath.replaceAll('\\', '/'));
  if (!match) return undefined;
  const [, year, id, date, province, sequence] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  return { id, year, date, province, sequence: sequence ? Number(sequence) : 1 };
}

/** The relative path an article with this date, province and sequence number must have. */
export function articlePath(date: string, province: string, sequence = 1): string {
  const suffix = sequence > 1 ? `-${sequence}` : '';
  return `${date.slice(0, 4)}/${date}-${province}${suffix}.md`;
}

/**
 * Problems with where an article lives, given its validated frontmatter:
 * the path must follow the layout and agree with `date` and `province`.
 */
export function articlePathProblems(
  relativePath: string,
  data: Pick<ArticleData, 'date' | 'province'>,
): string[] {
  const info = parseArticlePath(relativePath);
  if (!info) {
    return [
      `path must be <yyyy>/<yyyy-mm-dd>-<province-slug>.md (with -2, -3 … for a second report that day), got "${relativePath}"`,
    ];
  }
  const problems: string[] = [];
  if (info.date !== data.date)
    problems.push(`date "${data.date}" does not match the file name's date ${info.date}`);
  if (info.year !== data.date.slice(0, 4))
    problems.push(`date "${data.date}" does not match the year folder ${info.year}/`);
  if (info.province !== data.province)
    problems.push(
      `province "${data.province}" does not match the file name's province ${info.province}`,
    );
  return problems;
}

/** One line per problem, each naming the field: `title: must not be empty`. */
export function formatSchemaIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(frontmatter)';
    return `${field}: ${issue.message}`;
  });
}
