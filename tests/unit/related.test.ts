import { describe, expect, it } from 'vitest';
import { PROVINCES } from '../../src/data/provinces.ts';
import { TOPIC_SLUGS } from '../../src/data/topics.ts';
import { addDays, daysBetween } from '../../src/utils/dates.ts';
import {
  CANDIDATE_TERM_MAX_REPORTS,
  phraseCounts,
  RELATED_LIMIT,
  relatedReports,
  SAME_WEEKS_CANDIDATES,
  SAME_WEEKS_DAYS,
  TERMS_PER_REPORT,
  TEXT_CANDIDATES,
  type RelatedInput,
  type RelatedWork,
} from '../../src/utils/related.ts';

/** A small seeded PRNG (mulberry32), so the generated archive is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

// Boilerplate every report carries, and instructions that only some reports pass on.
const BOILERPLATE = '会议指出，要认真学习贯彻会议精神，切实做好各项民政工作。';
const INSTRUCTIONS = [
  '抓紧出台全省发展老年助餐服务行动方案，扩大助餐点覆盖面。',
  '指导各地量化调整社会救助标准，开展大数据嵌入式专项监督试点。',
  '提前做好清明节祭扫服务保障，推进殡葬改革和公墓整治。',
  '做好留守儿童和困境儿童关爱救助，落实孤儿基本生活费。',
  '扎实开展民政领域安全生产治本攻坚三年行动，排查消防隐患。',
  '规范加强区划地名工作，开展平安边界创建和界线联检。',
  '引导支持社会组织健康发展，培育行业协会商会和慈善组织。',
  '深化婚俗改革试点，推进婚姻登记跨省通办。',
];

function report(
  id: string,
  province: string,
  date: string,
  instructions: number[],
  topics: string[] = [],
): RelatedInput {
  return {
    id,
    province,
    date,
    topics,
    text: [`${id}会议`, BOILERPLATE, ...instructions.map((i) => INSTRUCTIONS[i]!)].join('\n'),
  };
}

/** A generated archive: `size` reports from random provinces and weeks, each passing on one to three instructions. */
function generatedArchive(size: number, seed: number): RelatedInput[] {
  const next = random(seed);
  return Array.from({ length: size }, (_, n) => {
    const province = PROVINCES[Math.floor(next() * PROVINCES.length)]!.slug;
    const date = addDays('2024-01-01', Math.floor(next() * 365));
    const instructions = [
      ...new Set(
        Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
          Math.floor(next() * INSTRUCTIONS.length),
        ),
      ),
    ];
    const topics = [...new Set(instructions.map((i) => TOPIC_SLUGS[i % TOPIC_SLUGS.length]!))];
    return report(`${date}-${province}-${n}`, province, date, instructions, topics);
  });
}

describe('phraseCounts', () => {
  it('counts Han bigrams and trigrams within runs, not across punctuation', () => {
    const counts = phraseCounts('民政工作，民政。A1');
    expect(counts.get('民政')).toBe(2);
    expect(counts.get('民政工')).toBe(1);
    expect(counts.has('作民')).toBe(false);
    expect(counts.has('A1')).toBe(false);
  });
});

describe('relatedReports on a generated archive', () => {
  const archive = generatedArchive(240, 20240314);
  const related = relatedReports(archive);
  const byId = new Map(archive.map((item) => [item.id, item]));

  it('lists up to five other reports for each, never itself, never twice', () => {
    expect(related.size).toBe(archive.length);
    for (const [id, ids] of related) {
      expect(ids.length).toBeLessThanOrEqual(RELATED_LIMIT);
      expect(ids).not.toContain(id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const other of ids) expect(byId.has(other)).toBe(true);
    }
    // A busy archive fills every list.
    expect([...related.values()].every((ids) => ids.length === RELATED_LIMIT)).toBe(true);
  });

  it('relates only reports that pass on a shared instruction', () => {
    const instructionsOf = (item: RelatedInput) =>
      INSTRUCTIONS.filter((line) => item.text.includes(line));
    for (const [id, ids] of related) {
      const own = instructionsOf(byId.get(id)!);
      for (const other of ids)
        expect(
          instructionsOf(byId.get(other)!).some((line) => own.includes(line)),
          `${id} → ${other}`,
        ).toBe(true);
    }
  });

  it('is the same whatever order the reports come in', () => {
    for (const seed of [1, 2, 3]) expect(relatedReports(shuffle(archive, seed))).toEqual(related);
  });
});

describe('relatedReports chooses', () => {
  const base = report(
    '2024-03-14-zhejiang',
    'zhejiang',
    '2024-03-14',
    [0, 1],
    ['yanglao-fuwu', 'shehui-jiuzhu'],
  );

  it('another province in the same weeks first, then by nearness in time', () => {
    const archive = [
      base,
      report('2024-09-02-hubei', 'hubei', '2024-09-02', [0, 1], ['yanglao-fuwu', 'shehui-jiuzhu']),
      report(
        '2024-03-12-zhejiang',
        'zhejiang',
        '2024-03-12',
        [0, 1],
        ['yanglao-fuwu', 'shehui-jiuzhu'],
      ),
      report(
        '2024-03-15-jiangsu',
        'jiangsu',
        '2024-03-15',
        [0, 1],
        ['yanglao-fuwu', 'shehui-jiuzhu'],
      ),
      report('2024-03-14-sichuan', 'sichuan', '2024-03-14', [2], ['binzang-guanli']),
    ];
    // Same text and topics: the bonus puts Jiangsu first; the same province's report is nearer than
    // Hubei's.
    expect(daysBetween(base.date, '2024-03-15')).toBeLessThanOrEqual(SAME_WEEKS_DAYS);
    expect(relatedReports(archive).get(base.id)).toEqual([
      '2024-03-15-jiangsu',
      '2024-03-12-zhejiang',
      '2024-09-02-hubei',
    ]);
    // Sichuan shares only the boilerplate every report has: related to nothing.
    expect(relatedReports(archive).get('2024-03-14-sichuan')).toEqual([]);
  });

  it('a shared distinctive phrase over a shared common one', () => {
    const common = INSTRUCTIONS[4]!;
    const archive = [
      { ...base, text: `${base.text}\n${common}` },
      // Shares the rare instruction 1 with the base report.
      report('2024-05-01-anhui', 'anhui', '2024-05-01', [1]),
      // Shares only an instruction that half the archive passes on.
      report('2024-05-01-fujian', 'fujian', '2024-05-01', [4]),
      report('2024-05-02-henan', 'henan', '2024-05-02', [4, 5]),
      report('2024-05-03-hunan', 'hunan', '2024-05-03', [4, 6]),
      report('2024-05-04-jiangxi', 'jiangxi', '2024-05-04', [7]),
    ];
    const ids = relatedReports(archive).get(base.id)!;
    expect(ids[0]).toBe('2024-05-01-anhui');
    expect(ids).toContain('2024-05-01-fujian');
    expect(ids).not.toContain('2024-05-04-jiangxi');
  });

  it('shared topics over none when the texts are alike', () => {
    const archive = [
      base,
      report('2024-06-01-anhui', 'anhui', '2024-06-01', [0, 1]),
      report('2024-06-01-fujian', 'fujian', '2024-06-01', [0, 1], ['yanglao-fuwu']),
      report('2024-06-01-gansu', 'gansu', '2024-06-01', [7]),
    ];
    expect(relatedReports(archive).get(base.id)).toEqual(['2024-06-01-fujian', '2024-06-01-anhui']);
  });

  it('no more than the limit asked for', () => {
    for (const ids of relatedReports(generatedArchive(60, 7), 3).values())
      expect(ids).toHaveLength(3);
    // Phrases every report shares distinguish none: an archive of one text relates nothing.
    const clones = Array.from({ length: 4 }, (_, n) => ({ ...base, id: `clone-${n}` }));
    for (const ids of relatedReports(clones).values()) expect(ids).toEqual([]);
    expect(relatedReports([base]).get(base.id)).toEqual([]);
    expect(relatedReports([]).size).toBe(0);
  });
});

describe('relatedReports work per report', () => {
  const bound = {
    postingsVisited: TERMS_PER_REPORT * CANDIDATE_TERM_MAX_REPORTS,
    candidatesScored: TEXT_CANDIDATES + SAME_WEEKS_CANDIDATES,
  };

  it.each([400, 1600])('stays within a bound that does not grow with %i reports', (size) => {
    const work: RelatedWork = { postingsVisited: 0, candidatesScored: 0 };
    const archive = generatedArchive(size, size);
    const related = relatedReports(archive, RELATED_LIMIT, work);
    expect(related.size).toBe(size);
    expect(work.postingsVisited / size).toBeLessThanOrEqual(bound.postingsVisited);
    expect(work.candidatesScored / size).toBeLessThanOrEqual(bound.candidatesScored);
    // The instructions are in hundreds of reports, too many to bring candidates: the same weeks do.
    expect(work.candidatesScored).toBeGreaterThan(0);
    expect([...related.values()].filter((ids) => ids.length > 0).length).toBeGreaterThan(size / 2);
  });

  it('still finds a rare shared phrase a year apart in a large archive', () => {
    const archive = generatedArchive(1600, 99);
    const rare = '推进“一老一小”整体解决方案试点扩面提质。';
    const first = {
      ...archive[0]!,
      id: 'rare-a',
      date: '2024-01-02',
      text: `${archive[0]!.text}\n${rare}`,
    };
    const second = {
      ...archive[1]!,
      id: 'rare-b',
      date: '2024-12-28',
      text: `${archive[1]!.text}\n${rare}`,
    };
    const related = relatedReports([...archive.slice(2), first, second]);
    expect(related.get('rare-a')![0]).toBe('rare-b');
    expect(related.get('rare-b')![0]).toBe('rare-a');
  });
});
