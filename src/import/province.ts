/**
 * Step 6: which division the report is about, and which body held the meeting.
 *
 * Names come from the province registry (src/data/provinces.ts): full names (浙江省,
 * 内蒙古自治区, 新疆生产建设兵团) and short names (浙江, 内蒙古). Text is scanned left to
 * right taking the longest name at each position, so 新疆生产建设兵团 is the Corps and
 * never 新疆, and 广西壮族自治区 is read whole. 山西 and 陕西 are different characters.
 *
 * A *department mention* is a name directly followed by 民政厅 or 民政局 (浙江省民政厅,
 * 北京市民政局, 兵团民政局). The division is decided by the title and the credit:
 *   - one of them names a single division, the other none → that division;
 *   - both name divisions → the one they share (a title naming several, as a joint
 *     meeting does, is decided by the credit); none shared → a conflict, refused;
 *   - several and nothing decides between them → refused;
 *   - neither names one → the body: its first department mention, else its first name.
 * Names that contain one another (新疆生产建设兵团 and 新疆) are one division, the
 * more specific. A refused report is settled by correcting the bulletin, or by the
 * editor's choice (`--province LINE=SLUG`).
 *
 * `department` is the registry's body for that division (浙江省民政厅, 北京市民政局,
 * 新疆生产建设兵团民政局), unless the text explicitly names a different one for the
 * same division (e.g. "XX省民政局" where the registry has 民政厅): then that one,
 * written with the division's full name.
 */
import { PROVINCES, type Province } from '../data/provinces.ts';
import type { Paragraph } from './paragraphs.ts';

/** Extra spellings, by slug, that are not in the registry. */
const EXTRA_ALIASES: Record<string, string[]> = { bingtuan: ['新疆兵团'] };
/** Short names too generic to stand alone: only accepted as a department mention (兵团民政局). */
const DEPARTMENT_ONLY = new Set(['兵团']);
const DEPARTMENT_SUFFIXES = ['民政厅', '民政局'] as const;

interface Alias {
  text: string;
  province: Province;
  departmentOnly: boolean;
}

/** Every spelling of a division. */
const spellings = (province: Province) => [
  ...new Set([province.name, province.shortName, ...(EXTRA_ALIASES[province.slug] ?? [])]),
];

/** Every spelling, longest first, so the scan prefers 新疆生产建设兵团 over 新疆. */
const ALIASES: Alias[] = PROVINCES.flatMap((province) =>
  spellings(province).map((text) => ({
    text,
    province,
    departmentOnly: DEPARTMENT_ONLY.has(text),
  })),
).sort((a, b) => b.text.length - a.text.length);

/** The aliases by first character, longest first: the scan tries only those that can match. */
const BY_FIRST = Map.groupBy(ALIASES, (alias) => alias.text[0]!);

export interface Mention {
  province: Province;
  /** The text as written, e.g. 浙江省民政厅 or 浙江. */
  text: string;
  /** The name as written, without the suffix, e.g. 浙江省 or 浙江. */
  name: string;
  /** 民政厅 or 民政局 when the name is followed by one: a department mention. */
  suffix?: (typeof DEPARTMENT_SUFFIXES)[number];
}

/** All division names in `text`, in order, longest match first at each position. */
export function scanMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < text.length) {
    const alias = BY_FIRST.get(text[i]!)?.find((a) => text.startsWith(a.text, i));
    if (!alias) {
      i++;
      continue;
    }
    const end = i + alias.text.length;
    const suffix = DEPARTMENT_SUFFIXES.find((s) => text.startsWith(s, end));
    if (alias.departmentOnly && !suffix) {
      i++;
      continue;
    }
    mentions.push({
      province: alias.province,
      text: alias.text + (suffix ?? ''),
      name: alias.text,
      ...(suffix ? { suffix } : {}),
    });
    i = end + (suffix?.length ?? 0);
  }
  return mentions;
}

/**
 * True when `outer`'s division has a spelling that contains `inner`'s name as written
 * (新疆生产建设兵团 contains 新疆): both may mean `outer`'s division.
 */
function contains(outer: Mention, inner: Mention): boolean {
  return spellings(outer.province).some((spelling) => spelling.includes(inner.name));
}

/** The divisions named, once each, in order; a name contained in another's is dropped for it. */
export function namedDivisions(mentions: readonly Mention[]): Mention[] {
  const distinct = mentions.filter(
    (m, i) => mentions.findIndex((n) => n.province === m.province) === i,
  );
  return distinct.filter((m) => !distinct.some((n) => n.province !== m.province && contains(n, m)));
}

/** The divisions `a` and `b` agree on: the same division, or one name within the other's. */
function shared(a: readonly Mention[], b: readonly Mention[]): Mention[] {
  const agreed = a.flatMap((m) =>
    b.flatMap((n) => {
      if (m.province === n.province || contains(m, n)) return [m];
      return contains(n, m) ? [n] : [];
    }),
  );
  return agreed.filter((m, i) => agreed.findIndex((n) => n.province === m.province) === i);
}

export type Where = 'title' | 'credit' | 'body' | 'editor';

export type ProvinceResult =
  | { ok: true; province: Province; department: string; where: Where; mention: string }
  | {
      ok: false;
      message: string;
      /** The divisions the editor may choose from, when the text names them. */
      candidates: Province[];
    };

export interface ReportText {
  title: string;
  credit?: string;
  paragraphs: readonly Paragraph[];
}

/** `山西省民政厅、陕西省`: the mentions as written. */
const listed = (mentions: readonly Mention[]) => mentions.map((m) => m.text).join('、');
const refuse = (message: string, mentions: readonly Mention[]): ProvinceResult => ({
  ok: false,
  message,
  candidates: mentions.map((m) => m.province),
});

/** Finds the division and the department of a report (rules in the module comment). */
export function detectProvince(report: ReportText): ProvinceResult {
  const title = scanMentions(report.title);
  const credit = scanMentions(report.credit ?? '');
  const body = report.paragraphs.flatMap((p) => scanMentions(p.text));
  const all = [...title, ...credit, ...body];
  const inTitle = namedDivisions(title);
  const inCredit = namedDivisions(credit);

  if (!inTitle.length && !inCredit.length) {
    const hit = body.find((m) => m.suffix) ?? body[0];
    if (!hit)
      return refuse(
        'unknown province: no province, autonomous region, municipality or the Corps is named in the title, the credit or the body',
        [],
      );
    return withDepartment(hit, 'body', all);
  }
  if (inTitle.length && inCredit.length) {
    const agreed = shared(inTitle, inCredit);
    if (agreed.length === 1) return withDepartment(agreed[0]!, 'title', all);
    if (!agreed.length)
      return refuse(`the title names ${listed(inTitle)} but the credit names ${listed(inCredit)}`, [
        ...inTitle,
        ...inCredit,
      ]);
    return refuse(`the title and the credit both name ${listed(agreed)}`, agreed);
  }
  const [where, named]: [Where, Mention[]] = inTitle.length
    ? ['title', inTitle]
    : ['credit', inCredit];
  if (named.length === 1) return withDepartment(named[0]!, where, all);
  const other = where === 'title' ? 'the credit names none of them' : 'the title names none';
  return refuse(`the ${where} names several divisions (${listed(named)}) and ${other}`, named);
}

/** The division the editor chose with --province, when the report names it, or why it cannot be. */
export function chooseProvince(report: ReportText, province: Province): ProvinceResult {
  const all = [report.title, report.credit ?? '', ...report.paragraphs.map((p) => p.text)].flatMap(
    scanMentions,
  );
  const hit = all.find((m) => m.province === province);
  if (!hit)
    return refuse(
      `--province chose ${province.name}, but this report does not name it anywhere: is the line number right?`,
      [],
    );
  return withDepartment(hit, 'editor', all);
}

/**
 * The result for a division: its department is the first department mention of it anywhere
 * in the report, else the registry's.
 */
function withDepartment(hit: Mention, where: Where, all: readonly Mention[]): ProvinceResult {
  const province = hit.province;
  const named = all.find((m) => m.province === province && m.suffix);
  const department = named ? departmentName(province, named.suffix!) : province.department;
  if (!department)
    return refuse(
      `${province.name} has no civil-affairs department in the registry and the text names none (…民政厅/…民政局)`,
      [],
    );
  return { ok: true, province, department, where, mention: hit.text };
}

/**
 * The department a mention names, spelled with the division's full name: 浙江民政厅 → 浙江省民政厅,
 * 兵团民政局 → 新疆生产建设兵团民政局. For every registry entry this is exactly its `department`
 * when the suffix agrees (the registry spells departments as name + 民政厅/民政局).
 */
function departmentName(province: Province, suffix: string): string {
  return province.name + suffix;
}
