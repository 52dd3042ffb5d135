/**
 * The GitHub Pages workflow (.github/workflows/deploy.yml) is a valid workflow by GitHub's
 * schema (@action-validator/cli, offline), and builds the site as `npm run build` does: with the
 * search index, on a Node the project supports, for the address Pages gives.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

const WORKFLOW = join(ROOT, '.github/workflows/deploy.yml');
const VALIDATOR = join(ROOT, 'node_modules/@action-validator/cli/cli.mjs');
const text = readFileSync(WORKFLOW, 'utf8');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

/** Runs the validator on a workflow file; its exit code and what it printed. */
function validate(file: string) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [VALIDATOR, file], {
    encoding: 'utf8',
  });
  return { status, output: stdout + stderr };
}

/** The workflow's text with one change, validated from a temporary file of the same name. */
function validateChanged(from: string, to: string) {
  expect(text).toContain(from);
  const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
  try {
    writeFileSync(join(dir, 'deploy.yml'), text.replace(from, to));
    return validate(join(dir, 'deploy.yml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the GitHub Pages workflow', () => {
  it('passes the workflow schema, which rejects a misspelt key or a step with no action', () => {
    const result = validate(WORKFLOW);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
    expect(validateChanged('runs-on:', 'run-on:').status).not.toBe(0);
    expect(
      validateChanged('uses: actions/deploy-pages', 'using: actions/deploy-pages').status,
    ).not.toBe(0);
  });

  it('builds with npm run build, which builds the search index too', () => {
    expect(text).toMatch(/^\s+run: npm run build$/m);
    expect(text).toMatch(/^\s+run: npm ci\b/m);
    expect(packageJson.scripts.build).toMatch(/&& tsx scripts\/build-search-index\.ts$/);
    expect(text).toMatch(/uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist\n/);
  });

  it('builds for the address Pages gives, on a Node the project supports', () => {
    expect(text).toMatch(/^\s+SITE_URL: \$\{\{ steps\.pages\.outputs\.origin \}\}$/m);
    expect(text).toMatch(/^\s+BASE_PATH: \$\{\{ steps\.pages\.outputs\.base_path \}\}$/m);
    expect(text).toMatch(/uses: actions\/configure-pages@v\d+/);
    const [major, minor] = /node-version: (\d+)(?:\.(\d+))?/
      .exec(text)!
      .slice(1)
      .map((part) => Number(part ?? 0));
    const [needMajor, needMinor] = /(\d+)\.(\d+)/
      .exec(packageJson.engines.node)!
      .slice(1)
      .map(Number);
    expect(major! > needMajor! || (major === needMajor && minor! >= needMinor!)).toBe(true);
  });
});
