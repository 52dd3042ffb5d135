/** The Nu HTML Checker (vnu-jar, Java 17) over a built site. */
import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from './paths.ts';

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

/**
 * Validates every HTML page below `root` in one Java process; one line per error, naming the
 * page (as a site path), line and column.
 */
export async function htmlErrors(root: string): Promise<string[]> {
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
      root,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] };
  return messages
    .filter((m) => m.type !== 'info')
    .map((m) => {
      const file = m.url ? relative(root, fileURLToPath(m.url)).replaceAll('\\', '/') : '?';
      const page = `/${file}`.replace(/index\.html$/, '');
      return `${page}:${m.lastLine ?? '?'}:${m.lastColumn ?? '?'}: ${m.message}${m.extract ? ` — near “${m.extract.replace(/\s+/g, ' ').trim()}”` : ''}`;
    });
}
