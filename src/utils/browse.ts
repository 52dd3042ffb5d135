/** The archive's ways in besides search, as the header, the footer, the home and 404 pages link them. */
import { url } from './urls.ts';

/** By province, by topic and by date: key (the header's current section), URL and label. */
export const browseSections = () =>
  [
    { key: 'provinces', href: url('provinces'), label: '按省份' },
    { key: 'topics', href: url('topics'), label: '按主题' },
    { key: 'archive', href: url('archive'), label: '按日期' },
  ] as const;
