import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTopic, getTopic, TOPIC_SLUGS, TOPICS } from '../../src/data/topics.ts';
import { articleSchema, formatSchemaIssues } from '../../src/schemas/article.ts';
import { markdownParagraphs } from '../../src/utils/text.ts';
import { proposeTopics, scoreTopics } from '../../src/utils/topics.ts';
import { topicsLine, withoutTopics, withTopics } from '../../src/utils/topics-line.ts';
import { readArticles } from '../helpers/content.ts';
import { articleData, articleSource } from '../helpers/fixtures.ts';
import { ARTICLES, ROOT } from '../helpers/paths.ts';
import { parseTopicArgs } from '../../scripts/propose-topics.ts';

const articles = readArticles();
const textOf = (article: (typeof articles)[number]) =>
  [article.data.title, ...markdownParagraphs(article.body)].join('\n');

describe('topic vocabulary', () => {
  it('has unique pinyin slugs and names, each with signal phrases', () => {
    expect(new Set(TOPICS.map((t) => t.slug)).size).toBe(TOPICS.length);
    expect(new Set(TOPICS.map((t) => t.name)).size).toBe(TOPICS.length);
    for (const topic of TOPICS) {
      expect(topic.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(topic.phrases.length, topic.slug).toBeGreaterThan(0);
      for (const phrase of topic.phrases) expect(phrase.trim(), topic.slug).toBe(phrase);
      expect(new Set(topic.phrases).size, topic.slug).toBe(topic.phrases.length);
      expect(getTopic(topic.slug)).toBe(topic);
    }
    expect(findTopic('atlantis')).toBeUndefined();
    expect(() => getTopic('atlantis')).toThrow(/atlantis/);
  });

  it('covers the work areas the issue names', () => {
    const names = TOPICS.map((t) => t.name);
    for (const name of [
      '社会救助',
      '养老服务',
      '儿童福利',
      '社会组织',
      '慈善事业',
      '区划地名',
      '婚姻登记',
      '殡葬管理',
      '基层治理',
      '党建与作风',
      '安全生产',
      '全国两会精神',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('topics in the article schema', () => {
  const valid = articleData('zhejiang', '2024-03-14');

  it('accepts vocabulary slugs', () => {
    expect(articleSchema.parse({ ...valid, topics: [...TOPIC_SLUGS] }).topics).toEqual(TOPIC_SLUGS);
  });

  it.each([
    [
      'a name instead of a slug',
      ['社会救助'],
      /^topics\.0: topic "社会救助" is not a slug in the topic vocabulary/,
    ],
    [
      'an unknown slug',
      ['shehui-jiuzhu', 'atlantis'],
      /^topics\.1: topic "atlantis" is not a slug/,
    ],
    [
      'a repeated slug',
      ['shehui-jiuzhu', 'shehui-jiuzhu'],
      /^topics: topics must not repeat a topic/,
    ],
    ['a string', 'shehui-jiuzhu', /^topics: topics must be a list of topic slugs/],
  ])('rejects %s with a message naming the field', (_, topics, message) => {
    const result = articleSchema.safeParse({ ...valid, topics });
    expect(result.success).toBe(false);
    expect(formatSchemaIssues(result.error!).join('\n')).toMatch(message);
  });
});

describe('proposeTopics', () => {
  it('proposes only vocabulary slugs, in vocabulary order, each signalled by a phrase in the text', () => {
    for (const article of articles) {
      const proposed = proposeTopics(article.data.title, markdownParagraphs(article.body));
      expect(proposed.length, article.id).toBeGreaterThan(0);
      const order = proposed.map((slug) => TOPIC_SLUGS.indexOf(slug));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      const text = textOf(article);
      for (const slug of proposed)
        expect(
          getTopic(slug).phrases.some((phrase) => text.includes(phrase)),
          `${article.id} ${slug}`,
        ).toBe(true);
      // And conversely: no topic whose phrases occur is left out.
      for (const topic of TOPICS) {
        if (topic.phrases.some((phrase) => text.includes(phrase)))
          expect(proposed, `${article.id} ${topic.slug}`).toContain(topic.slug);
      }
    }
  });

  it('is what the committed reports carry in their frontmatter', () => {
    expect(articles.length).toBeGreaterThanOrEqual(3);
    for (const article of articles)
      expect(article.data.topics, article.id).toEqual(
        proposeTopics(article.data.title, markdownParagraphs(article.body)),
      );
  });

  it('reads the three March 2024 reports as an editor would', () => {
    const topicsOf = (id: string) => articles.find((a) => a.id === id)!.data.topics;
    const all = ['2024-03-13-hubei', '2024-03-14-jiangsu', '2024-03-14-zhejiang'];
    // All three are about studying the Two Sessions; none is about marriage registration.
    for (const id of all) {
      expect(topicsOf(id), id).toContain('lianghui-jingshen');
      expect(topicsOf(id), id).toContain('shehui-jiuzhu');
      expect(topicsOf(id), id).toContain('yanglao-fuwu');
      expect(topicsOf(id), id).toContain('dangjian-zuofeng');
      expect(topicsOf(id), id).not.toContain('hunyin-dengji');
    }
    // Hubei prepares the Qingming tomb-sweeping services.
    expect(topicsOf('2024-03-13-hubei')).toContain('binzang-guanli');
    // Jiangsu ranges widest: children, social organisations, charity, place names, work safety.
    for (const slug of [
      'ertong-fuli',
      'shehui-zuzhi',
      'cishan-shiye',
      'quhua-diming',
      'anquan-shengchan',
    ])
      expect(topicsOf('2024-03-14-jiangsu')).toContain(slug);
    // Zhejiang's 厅二级巡视员 is a rank, not an inspection tour.
    const zhejiang = articles.find((a) => a.id === '2024-03-14-zhejiang')!;
    const dangjian = scoreTopics(zhejiang.data.title, markdownParagraphs(zhejiang.body)).find(
      (s) => s.slug === 'dangjian-zuofeng',
    )!;
    expect(dangjian.matched).not.toContain('巡视');
    expect(topicsOf('2024-03-14-zhejiang')).not.toContain('anquan-shengchan');
  });

  it('counts the longest phrase once and weighs the title double', () => {
    const [score] = scoreTopics('', ['推进老年助餐服务。']);
    expect(score).toEqual({ slug: 'yanglao-fuwu', score: 1, matched: ['老年助餐'] });
    expect(scoreTopics('部署殡葬管理工作', [])).toEqual([
      { slug: 'binzang-guanli', score: 2, matched: ['殡葬'] },
    ]);
    expect(proposeTopics('', ['会议指出，要做好民政工作。'])).toEqual([]);
  });

  it('is deterministic whatever the paragraph order', () => {
    const article = articles[0]!;
    const paragraphs = markdownParagraphs(article.body);
    expect(proposeTopics(article.data.title, [...paragraphs].reverse())).toEqual(
      proposeTopics(article.data.title, paragraphs),
    );
  });
});

describe('the topics line (src/utils/topics-line.ts)', () => {
  it('rewrites only the topics line, in the archive style', () => {
    const source = articleSource({ ...articleData('hubei', '2024-03-13'), topics: [] }, '第一段。');
    const updated = withTopics(source, ['shehui-jiuzhu', 'binzang-guanli']);
    expect(updated).toBe(
      source.replace('topics: []', 'topics: ["shehui-jiuzhu", "binzang-guanli"]'),
    );
    // A YAML block list is replaced whole, and a missing key is added at the end.
    expect(
      withTopics('---\ntitle: "t"\ntopics:\n  - a\n  - b\nsource: "s"\n---\n\n正文\n', ['x']),
    ).toBe('---\ntitle: "t"\ntopics: ["x"]\nsource: "s"\n---\n\n正文\n');
    expect(withTopics('---\ntitle: "t"\n---\n正文\n', [])).toBe(
      '---\ntitle: "t"\ntopics: []\n---\n正文\n',
    );
  });

  it('compares files apart from their topics, in either YAML list style', () => {
    const data = articleData('hubei', '2024-03-13');
    const source = articleSource({ ...data, topics: ['shehui-jiuzhu'] }, '第一段。');
    const bare = withoutTopics(source);
    expect(bare).toBe(source.replace(`${topicsLine(['shehui-jiuzhu'])}\n`, ''));
    expect(withoutTopics(articleSource({ ...data, topics: [] }, '第一段。'))).toBe(bare);
    const block = source.replace(topicsLine(['shehui-jiuzhu']), 'topics:\n  - yanglao-fuwu');
    expect(withoutTopics(block)).toBe(bare);
    // The body is not front matter, and a file without topics is left as it is.
    expect(withoutTopics(bare)).toBe(bare);
    expect(withoutTopics('topics: []\n')).toBe('topics: []\n');
  });

  it('left the committed files in that style', () => {
    for (const article of articles) {
      const file = readFileSync(join(ARTICLES, article.id.slice(0, 4), `${article.id}.md`), 'utf8');
      expect(file).toContain(
        `\ntopics: [${article.data.topics.map((t) => JSON.stringify(t)).join(', ')}]\n`,
      );
    }
  });
});

describe('npm run topics (scripts/propose-topics.ts)', () => {
  it('reads its flags and paths, and refuses a flag it does not know', () => {
    expect(parseTopicArgs(['--write', 'a.md', '--force', 'b'])).toEqual({
      write: true,
      force: true,
      paths: ['a.md', 'b'],
    });
    expect(parseTopicArgs([])).toEqual({ write: false, force: false, paths: [] });
    expect(() => parseTopicArgs(['--wrtie'])).toThrow(/--wrtie/);
  });

  it('exits with 2 on a mistyped flag, naming it, and writes nothing', () => {
    const [article] = articles;
    const dir = mkdtempSync(join(tmpdir(), 'topics-'));
    const file = join(dir, `${article!.id}.md`);
    copyFileSync(join(ARTICLES, article!.id.slice(0, 4), `${article!.id}.md`), file);
    const before = readFileSync(file, 'utf8');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/propose-topics.ts'), '--wrtie', '--force', dir],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--wrtie/);
    expect(run.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
