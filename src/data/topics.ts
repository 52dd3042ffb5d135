/**
 * The topic vocabulary: the civil-affairs work areas an article can be filed under.
 * The single source of truth for topic slugs, names and the phrases that signal them;
 * articles store slugs in `topics`, and the schema accepts nothing else.
 * Plain data with no imports, so the schema, the importer and scripts can all use it.
 */

/** A vocabulary entry as written below; `Topic` narrows `slug` to the vocabulary's slugs. */
interface TopicDefinition {
  /** URL slug and the value stored in an article's `topics`: lowercase pinyin, hyphenated. */
  slug: string;
  /** Name shown to readers, e.g. 社会救助. */
  name: string;
  /** Phrases whose presence in a report signals the topic; matched literally, longest first. */
  phrases: readonly string[];
}

// Display order: the core work areas first, then organisation and governance, then the occasion.
const TOPIC_LIST = [
  {
    slug: 'shehui-jiuzhu',
    name: '社会救助',
    phrases: [
      '社会救助',
      '最低生活保障',
      '低保',
      '特困人员',
      '临时救助',
      '低收入人口',
      '返贫',
      '兜底保障',
      '分层分类',
      '流浪乞讨',
    ],
  },
  {
    slug: 'yanglao-fuwu',
    name: '养老服务',
    phrases: ['养老', '老龄', '老年人', '老年助餐', '银发经济', '老有颐养'],
  },
  {
    slug: 'ertong-fuli',
    name: '儿童福利',
    phrases: [
      '儿童福利',
      '留守儿童',
      '困境儿童',
      '孤儿',
      '事实无人抚养儿童',
      '未成年人保护',
      '收养',
    ],
  },
  {
    slug: 'canjiren-fuli',
    name: '残疾人福利',
    phrases: ['残疾人', '两项补贴', '康复辅助器具', '精神障碍'],
  },
  {
    slug: 'shehui-zuzhi',
    name: '社会组织',
    phrases: ['社会组织', '社会团体', '民办非企业', '社会服务机构', '行业协会商会'],
  },
  {
    slug: 'cishan-shiye',
    name: '慈善事业',
    phrases: ['慈善', '公益', '募捐'],
  },
  {
    slug: 'shehui-gongzuo',
    name: '社会工作与志愿服务',
    phrases: ['社会工作', '社工', '志愿服务', '志愿者'],
  },
  {
    slug: 'quhua-diming',
    name: '区划地名',
    phrases: ['区划地名', '行政区划', '地名', '行政区域界线', '平安边界', '勘界'],
  },
  {
    slug: 'hunyin-dengji',
    name: '婚姻登记',
    phrases: ['婚姻登记', '结婚登记', '离婚登记', '婚俗改革', '婚姻家庭'],
  },
  {
    slug: 'binzang-guanli',
    name: '殡葬管理',
    phrases: ['殡葬', '祭扫', '公墓', '殡仪', '火化', '清明'],
  },
  {
    slug: 'jiceng-zhili',
    name: '基层治理',
    phrases: [
      '基层治理',
      '社区治理',
      '城乡社区',
      '基层政权',
      '村民自治',
      '居民委员会',
      '村民委员会',
      '社区工作者',
      '村务公开',
    ],
  },
  {
    slug: 'dangjian-zuofeng',
    name: '党建与作风',
    phrases: [
      '全面从严治党',
      '党风廉政',
      '正风肃纪',
      '八项规定',
      '形式主义',
      '官僚主义',
      '政治机关建设',
      '机关党建',
      '作风建设',
      '主题教育',
      '政治巡视',
      '巡视整改',
      '巡察',
      '队伍建设',
      '为基层减负',
      '反腐',
    ],
  },
  {
    slug: 'anquan-shengchan',
    name: '安全生产',
    phrases: ['安全生产', '本质安全', '安全隐患', '消防安全'],
  },
  {
    slug: 'lianghui-jingshen',
    name: '全国两会精神',
    phrases: ['两会', '政府工作报告', '全国人大', '全国政协'],
  },
] as const satisfies readonly TopicDefinition[];

/** A slug of the vocabulary. */
export type TopicSlug = (typeof TOPIC_LIST)[number]['slug'];

/** One topic of the vocabulary. */
export interface Topic extends TopicDefinition {
  /** URL slug and the value stored in an article's `topics`. */
  slug: TopicSlug;
}

/** Every topic, in display order. */
export const TOPICS: readonly Topic[] = TOPIC_LIST;

/** Every valid topic slug, for the schema and route params. */
export const TOPIC_SLUGS = TOPIC_LIST.map((topic) => topic.slug) as [TopicSlug, ...TopicSlug[]];

const BY_SLUG = new Map<string, Topic>(TOPICS.map((topic) => [topic.slug, topic]));

/** The topic with this slug, or undefined. */
export function findTopic(slug: string): Topic | undefined {
  return BY_SLUG.get(slug);
}

/** The topic with this slug; throws on an unknown slug (a programming error once data is validated). */
export function getTopic(slug: string): Topic {
  const topic = BY_SLUG.get(slug);
  if (!topic) throw new Error(`Unknown topic slug "${slug}"`);
  return topic;
}
