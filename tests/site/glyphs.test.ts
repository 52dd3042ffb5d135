/**
 * Browser tests measure Chinese glyphs, not boxes: Chromium draws every Han character of an
 * article's title and body with a font that fontconfig lists for Chinese (`fc-list :lang=zh`).
 * On a machine without one (`.ci/run` installs fonts-noto-cjk) this fails and says so.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readArticles } from '../helpers/content.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';

const site = servedInChromium();
const article = readArticles()[0]!;

/** Family names of the fonts fontconfig has for Chinese. */
function chineseFamilies(): Set<string> {
  let listed = '';
  try {
    listed = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    // No fontconfig at all: no Chinese font either.
  }
  return new Set(
    listed
      .split(/[\n,]/)
      .map((name) => name.trim())
      .filter(Boolean),
  );
}

describe('Chinese text in Chromium', () => {
  it('is drawn with a Chinese font, every Han character of title and body', async () => {
    const families = chineseFamilies();
    expect(families.size, 'no CJK font installed: apt-get install fonts-noto-cjk').toBeGreaterThan(
      0,
    );
    const page = await site.browser.newPage();
    await page.goto(new URL(`articles/${article.id}/`, site.server.url).href);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    for (const selector of ['h1', 'article .body p']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const text = await page.locator(selector).first().innerText();
      const han = [...text].filter((char) => /\p{Script=Han}/u.test(char)).length;
      expect(han, selector).toBeGreaterThan(0);
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const chineseGlyphs = fonts
        .filter((font) => families.has(font.familyName))
        .reduce((sum, font) => sum + font.glyphCount, 0);
      expect(chineseGlyphs, `${selector}: ${JSON.stringify(fonts)}`).toBeGreaterThanOrEqual(han);
    }
    await page.close();
  });
});
