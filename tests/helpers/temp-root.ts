/**
 * Gives each test run a temporary folder of its own, and removes it afterwards: tests, the builds
 * they start and Chromium make hundreds of folders a run, and none should outlive it. Both test
 * projects list this setup; the first to run makes the folder and removes it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Names the run's folder while it exists. */
const RUN_FOLDER = 'MINZHENG_TEST_TMPDIR';

export default function setup() {
  if (process.env[RUN_FOLDER]) return;
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'minzheng-tests-'));
  // Others may pass through (not list it): tests run the importer as an unprivileged user.
  chmodSync(root, 0o711);
  // Test processes and the processes they start inherit it, and tmpdir() reads it on every call.
  process.env.TMPDIR = root;
  process.env[RUN_FOLDER] = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    delete process.env[RUN_FOLDER];
    rmSync(root, { recursive: true, force: true });
  };
}
