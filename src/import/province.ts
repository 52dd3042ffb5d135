/**
 * Step 6: which division the report is about, and which body held the meeting.
 *
 * Names come from the province registry (src/data/provinces.ts): full names (浙江省,
 * 内蒙古自治区, 新疆生产建设兵团) and short names (浙江, 内蒙古). Text is scanned left to
 * right taking the longest name at each position, so 新疆生产建设兵团 is the Corps and
 * never 新疆, and 广西壮族自治区 is read whole. 山西 and 陕西 are different characters.
 *
 * A *department mention* is a name directly followed by 民政厅 or 民政局 (浙江省民政厅,
 * 北京市民政局, 兵团民政局). Where the province is looked for, first hit wins:
 *   1. a department mention in the title, 2. in the credit,
 *   3. a bare name in the title,           4. in the credit,
 *   5. a department mention in the body,   6. a bare name in the body.
 * So "省民政厅召开…" with "(据浙江省民政厅)" is Zhejiang, and a neighbour province
 * named in passing in the body never beats the title or the credit.
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

/** Every spelling, longest first, so the scan prefers 新疆生产建设兵团 over 新疆. */
const ALIASES: Alias[] = PROVINCES.flatMap((province) =>
  [...new Set([province.name, province.shortName, ...(EXTRA_ALIASES[province.slug] ?? [])])].map(
    (text) => ({
      text,
      province,
      departmentOnly: DEPARTMENT_ONLY.has(text),
    }),
  ),
).sort((a, b) => b.text.length - a.text.length);

export interface Mention {
  province: Province;
  /** The text as written, e.g. 浙江省民政厅 or 浙江. */
  text: string;
  /** 民政厅 or 民政局 when the name is followed by one: a department mention. */
  suffix?: (typeof DEPARTMENT_SUFFIXES)[number];
}

/** All division names in `text`, in order, longest match first at each position. */
export function scanMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < text.length) {
    const alias = ALIASES.find((a) => text.startsWith(a.text, i));
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
      ...(suffix ? { suffix } : {}),
    });
    i = end + (suffix?.length ?? 0);
  }
  return mentions;
}

export type Where = 'title' | 'credit' | 'body';

export type ProvinceResult =
  | { ok: true; province: Province; department: string; where: Where; mention: string }
  | { ok: false; message: string };

export interface ReportText {
  title: string;
  credit?: string;
  paragraphs: readonly Paragraph[];
}

/** Finds the division and the department of a report (rules in the module comment). */
export function detectProvince(report: ReportText): ProvinceResult {
  const sources: [Where, Mention[]][] = [
    ['title', scanMentions(report.title)],
    ['credit', scanMentions(report.credit ?? '')],
    ['body', report.paragraphs.flatMap((p) => scanMentions(p.text))],
  ];
  const order: [Where, boolean][] = [
    ['title', true],
    ['credit', true],
    ['title', false],
    ['credit', false],
    ['body', true],
    ['body', false],
  ];
  for (const [where, departmentOnly] of order) {
    const mentions = sources.find(([w]) => w === where)![1];
    const hit = mentions.find((m) => !departmentOnly || m.suffix);
    if (!hit) continue;
    const province = hit.province;
    // The body that held the meeting: the first department mention of this division, anywhere.
    const named = sources.flatMap(([, ms]) => ms).find((m) => m.province === province && m.suffix);
    const department = named ? departmentName(province, named.suffix!) : province.department;
    if (!department) {
      return {
        ok: false,
        message: `${province.name} has no civil-affairs department in the registry and the text names none (…民政厅/…民政局)`,
      };
    }
    return { ok: true, province, department, where, mention: hit.text };
  }
  return {
    ok: false,
    message:
      'unknown province: no province, autonomous region, municipality or the Corps is named in the title, the credit or the body',
  };
}

/**
 * The department a mention names, spelled with the division's full name: 浙江民政厅 → 浙江省民政厅,
 * 兵团民政局 → 新疆生产建设兵团民政局. For every registry entry this is exactly its `department`
 * when the suffix agrees (the registry spells departments as name + 民政厅/民政局).
 */
function departmentName(province: Province, suffix: string): string {
  return province.name + suffix;
}
