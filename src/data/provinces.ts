/**
 * The province registry: every provincial-level division of GB/T 2260 plus the
 * Xinjiang Production and Construction Corps. The single source of truth for
 * province names and URL slugs, used by the site, the schema and every script.
 */

/** Regions used to group divisions on the provinces index, in display order. */
export const REGIONS = ['华北', '东北', '华东', '华中', '华南', '西南', '西北', '港澳台'] as const;
export type Region = (typeof REGIONS)[number];

export interface Province {
  /** GB/T 2260 six-digit code; the Corps has none. */
  code: string | null;
  /** Full official name, e.g. 内蒙古自治区. */
  name: string;
  /** Short name, e.g. 内蒙古. */
  shortName: string;
  /** One-character abbreviation, e.g. 蒙. */
  abbr: string;
  /** URL slug: lowercase pinyin of the short name. */
  slug: string;
  /** Civil-affairs body, where one exists. */
  department: string | null;
  /** Region the division is grouped under. */
  region: Region;
}

type Row = [
  code: string | null,
  name: string,
  shortName: string,
  abbr: string,
  slug: string,
  department: string | null,
  region: Region,
];

// Order follows GB/T 2260; the Corps comes last.
const ROWS: Row[] = [
  ['110000', '北京市', '北京', '京', 'beijing', '北京市民政局', '华北'],
  ['120000', '天津市', '天津', '津', 'tianjin', '天津市民政局', '华北'],
  ['130000', '河北省', '河北', '冀', 'hebei', '河北省民政厅', '华北'],
  ['140000', '山西省', '山西', '晋', 'shanxi', '山西省民政厅', '华北'],
  ['150000', '内蒙古自治区', '内蒙古', '蒙', 'neimenggu', '内蒙古自治区民政厅', '华北'],
  ['210000', '辽宁省', '辽宁', '辽', 'liaoning', '辽宁省民政厅', '东北'],
  ['220000', '吉林省', '吉林', '吉', 'jilin', '吉林省民政厅', '东北'],
  ['230000', '黑龙江省', '黑龙江', '黑', 'heilongjiang', '黑龙江省民政厅', '东北'],
  ['310000', '上海市', '上海', '沪', 'shanghai', '上海市民政局', '华东'],
  ['320000', '江苏省', '江苏', '苏', 'jiangsu', '江苏省民政厅', '华东'],
  ['330000', '浙江省', '浙江', '浙', 'zhejiang', '浙江省民政厅', '华东'],
  ['340000', '安徽省', '安徽', '皖', 'anhui', '安徽省民政厅', '华东'],
  ['350000', '福建省', '福建', '闽', 'fujian', '福建省民政厅', '华东'],
  ['360000', '江西省', '江西', '赣', 'jiangxi', '江西省民政厅', '华东'],
  ['370000', '山东省', '山东', '鲁', 'shandong', '山东省民政厅', '华东'],
  ['410000', '河南省', '河南', '豫', 'henan', '河南省民政厅', '华中'],
  ['420000', '湖北省', '湖北', '鄂', 'hubei', '湖北省民政厅', '华中'],
  ['430000', '湖南省', '湖南', '湘', 'hunan', '湖南省民政厅', '华中'],
  ['440000', '广东省', '广东', '粤', 'guangdong', '广东省民政厅', '华南'],
  ['450000', '广西壮族自治区', '广西', '桂', 'guangxi', '广西壮族自治区民政厅', '华南'],
  ['460000', '海南省', '海南', '琼', 'hainan', '海南省民政厅', '华南'],
  ['500000', '重庆市', '重庆', '渝', 'chongqing', '重庆市民政局', '西南'],
  ['510000', '四川省', '四川', '川', 'sichuan', '四川省民政厅', '西南'],
  ['520000', '贵州省', '贵州', '贵', 'guizhou', '贵州省民政厅', '西南'],
  ['530000', '云南省', '云南', '云', 'yunnan', '云南省民政厅', '西南'],
  ['540000', '西藏自治区', '西藏', '藏', 'xizang', '西藏自治区民政厅', '西南'],
  ['610000', '陕西省', '陕西', '陕', 'shaanxi', '陕西省民政厅', '西北'],
  ['620000', '甘肃省', '甘肃', '甘', 'gansu', '甘肃省民政厅', '西北'],
  ['630000', '青海省', '青海', '青', 'qinghai', '青海省民政厅', '西北'],
  ['640000', '宁夏回族自治区', '宁夏', '宁', 'ningxia', '宁夏回族自治区民政厅', '西北'],
  ['650000', '新疆维吾尔自治区', '新疆', '新', 'xinjiang', '新疆维吾尔自治区民政厅', '西北'],
  ['710000', '台湾省', '台湾', '台', 'taiwan', null, '港澳台'],
  ['810000', '香港特别行政区', '香港', '港', 'xianggang', null, '港澳台'],
  ['820000', '澳门特别行政区', '澳门', '澳', 'aomen', null, '港澳台'],
  [null, '新疆生产建设兵团', '兵团', '兵', 'bingtuan', '新疆生产建设兵团民政局', '西北'],
];

/** All 35 divisions, in GB/T 2260 order with the Corps last. */
export const PROVINCES: readonly Province[] = ROWS.map(
  ([code, name, shortName, abbr, slug, department, region]) => ({
    code,
    name,
    shortName,
    abbr,
    slug,
    department,
    region,
  }),
);

/** Every valid province slug, for schemas and route params. */
export const PROVINCE_SLUGS = PROVINCES.map((p) => p.slug) as [string, ...string[]];

const BY_SLUG = new Map(PROVINCES.map((p) => [p.slug, p]));

/** The division with this slug, or undefined. */
export function findProvince(slug: string): Province | undefined {
  return BY_SLUG.get(slug);
}

/** The division with this slug; throws on an unknown slug (a programming error once data is validated). */
export function getProvince(slug: string): Province {
  const province = BY_SLUG.get(slug);
  if (!province) throw new Error(`Unknown province slug "${slug}"`);
  return province;
}
