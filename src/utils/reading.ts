/** Reading aids shared by the article layout and its script. */

/** Font sizes a reader can choose; ArticleLayout's CSS scales the article for each key. */
export const FONT_SIZES = [
  { key: 'standard', label: '标准' },
  { key: 'large', label: '大' },
  { key: 'xlarge', label: '特大' },
] as const;

/** localStorage key holding the chosen size, so it persists across articles. */
export const FONT_SIZE_KEY = 'minzheng-font-size';
