/**
 * Renders the site's share card (public/og-card.png, 1200×630, for Open Graph and Twitter)
 * and publisher logo (public/logo.png, 512×512, for JSON-LD) from HTML in Chromium.
 * Run once after changing the design; the PNGs are committed (share-card validators
 * reject SVG, and no image library is needed at build time).
 *
 *   npx tsx scripts/render-share-images.ts
 */
import { readFileSync } from 'node:fs';
import { launchBrowser } from './lib/browser.ts';
import { SITE_DESCRIPTION, SITE_TITLE } from '../src/consts.ts';
import { OG_IMAGE, LOGO_IMAGE } from '../src/utils/share.ts';

const favicon = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const font = `'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif`;

const card = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
  body { margin: 0; width: 1200px; height: 630px; display: flex; font-family: ${font}; background: #fdfdfc; color: #1f2328; }
  .band { width: 36px; background: #9c1c1c; }
  .main { flex: 1; padding: 80px 90px; display: flex; flex-direction: column; justify-content: center; gap: 36px; }
  .brand { display: flex; align-items: center; gap: 36px; }
  .brand svg { width: 140px; height: 140px; }
  h1 { margin: 0; font-size: 104px; letter-spacing: 0.08em; }
  p { margin: 0; font-size: 38px; line-height: 1.6; color: #57606a; max-width: 980px; }
  .rule { height: 6px; width: 240px; background: #9c1c1c; }
</style><body><div class="band"></div><div class="main">
  <div class="brand">${favicon}<h1>${SITE_TITLE}</h1></div><div class="rule"></div><p>${SITE_DESCRIPTION}</p>
</div></body></html>`;

const logo = `<!doctype html><meta charset="utf-8"><style>
  body { margin: 0; width: 512px; height: 512px; } svg { width: 512px; height: 512px; display: block; }
</style><body>${favicon.replace('rx="6"', 'rx="0"')}</body>`;

const browser = await launchBrowser();
try {
  for (const [html, image] of [
    [card, OG_IMAGE],
    [logo, LOGO_IMAGE],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: image.width, height: image.height } });
    await page.setContent(html);
    await page.screenshot({
      path: new URL(`../public/${image.file}`, import.meta.url).pathname,
      type: 'png',
    });
    await page.close();
    console.log(`public/${image.file} ${image.width}×${image.height}`);
  }
} finally {
  await browser.close();
}
