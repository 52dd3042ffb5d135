/**
 * Quality gate: valid HTML. The Nu HTML Checker (vnu-jar, Java 17) validates every built page
 * in one Java process and must report zero errors.
 */
import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { allPages } from '../helpers/dist.ts';
import { DIST, ROOT } from '../helpers/paths.ts';

const VNU_JAR = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  message: string;
  lastLine?: number;
  lastColumn?: number;
  extract?: string;
}

describe('the Nu HTML Checker', () => {
  it('finds no error in any built page', async () => {
    const pages = allPages();
    expect(pages.length).toBeGreaterThan(10);
    // --exit-zero-always: errors arrive as JSON on stderr, not as a failed process.
    const { stderr } = await promisify(execFile)(
      'java',
      [
        '-Xss4m',
        '-jar',
        VNU_JAR,
        '--errors-only',
        '--exit-zero-always',
        '--format',
        'json',
        '--skip-non-html',
        DIST,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] };
    const errors = messages
      .filter((m) => m.type !== 'info')
      .map((m) => {
        const file = m.url ? relative(DIST, fileURLToPath(m.url)).replaceAll('\\', '/') : '?';
        const page = `/${file}`.replace(/index\.html$/, '');
        return `${page}:${m.lastLine ?? '?'}:${m.lastColumn ?? '?'}: ${m.message}${m.extract ? ` — near “${m.extract.replace(/\s+/g, ' ').trim()}”` : ''}`;
      });
    expect(errors).toEqual([]);
  });
});
