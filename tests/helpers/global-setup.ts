/** Builds the real site into dist/ once before the site tests. */
import { runAstro } from './astro.ts';

export default async function setup() {
  const { code, output } = await runAstro(['build']);
  if (code !== 0) throw new Error(`astro build failed:\n${output}`);
}
