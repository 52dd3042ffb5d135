/**
 * A synthetic archive for benchmarks: N reports whose sentences are drawn from the real
 * articles, spread over every division and 2015-2025, written in the importer's format.
 * Deterministic for a given seed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { PROVINCES } from '../../src/data/provinces.ts';
import { serializeArticle } from '../../src/import/markdown.ts';
import { articlePath, type ArticleData } from '../../src/schemas/article.ts';
import { addDays, daysBetween, formatDate } from '../../src/utils/dates.ts';

/** A generated report, as the reader will search it. */
export interface SyntheticReport {
  id: string;
  title: string;
  date: string;
  province: string;
  department: string;
  source: string;
  paragraphs: string[];
}

/** Small fast seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences of the real articles (ending 。！？；), without their leading date clause. */
function realSentences(articlesDir: string): string[] {
  const files = (readdirSync(articlesDir, { recursive: true }) as string[]).filter((file) =>
    file.endsWith('.md'),
  );
  const sentences = new Set<string>();
  for (const file of files) {
    const { content } = parseFrontmatter(readFileSync(join(articlesDir, file), 'utf8'));
    for (const sentence of content.replace(/\s+/g, '').match(/[^。！？；]+[。！？；]/g) ?? []) {
      if (!/^\d+月\d+日/.test(sentence)) sentences.add(sentence.replace(/\\(.)/g, '$1'));
    }
  }
  return [...sentences];
}

const TITLE_TAILS = [
  '召开党组(扩大)会议 传达学习全国两会精神',
  '传达学习习近平总书记重要讲话和全国两会精神',
  '召开专题会议 部署养老服务工作',
  '召开社会救助工作推进会',
  '举办儿童福利工作培训班',
  '召开区划地名工作会议',
  '部署殡葬管理和清明祭扫服务保障工作',
  '召开社会组织登记管理工作座谈会',
  '推进慈善事业高质量发展',
  '召开安全生产工作会议',
  '召开婚姻登记服务工作会议',
  '部署基层治理和社区建设工作',
];

const MEETINGS = ['党组会议', '干部大会', '专题会议', '工作推进会', '座谈会'];

/**
 * Generates `count` reports into `dir` (an articles folder) and returns them; their dates fall
 * from `first` to `last`. A report whose file exists already takes the next free sequence.
 */
export function writeSyntheticArchive(
  dir: string,
  count: number,
  {
    seed = 20240314,
    sourceDir = 'content/articles',
    first = '2015-01-01',
    last = '2025-12-31',
  } = {},
): SyntheticReport[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const sentences = realSentences(sourceDir);
  const bodies = PROVINCES.filter((province) => province.department);
  const days = daysBetween(first, last) + 1;
  const taken = new Map<string, number>();
  const reports: SyntheticReport[] = [];

  for (let i = 0; i < count; i++) {
    const province = pick(bodies);
    const date = addDays(first, Math.floor(next() * days));
    const key = `${date}-${province.slug}`;
    let sequence = (taken.get(key) ?? 0) + 1;
    while (existsSync(join(dir, articlePath(date, province.slug, sequence)))) sequence++;
    taken.set(key, sequence);

    const department = province.department!;
    const opening = `${formatDate(date).replace(/^\d+年/, '')},${department}召开${pick(MEETINGS)},传达学习有关会议精神,研究部署贯彻落实工作。`;
    const paragraphs = [opening];
    const paragraphCount = 3 + Math.floor(next() * 4);
    for (let p = 0; p < paragraphCount; p++) {
      const length = 2 + Math.floor(next() * 4);
      paragraphs.push(Array.from({ length }, () => pick(sentences)).join(''));
    }
    const data: ArticleData = {
      title: `${department}${pick(TITLE_TAILS)}`,
      date,
      province: province.slug,
      department,
      source: department,
      topics: [],
    };
    const path = join(dir, articlePath(date, province.slug, sequence));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, serializeArticle(data, paragraphs));
    reports.push({
      id: path.split('/').pop()!.replace(/\.md$/, ''),
      title: data.title,
      date,
      province: province.slug,
      department,
      source: data.source,
      paragraphs,
    });
  }
  return reports;
}
