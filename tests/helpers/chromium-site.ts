/** A built site served on loopback and a Chromium to read it, for the tests of one file. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { DIST } from './paths.ts';

export interface ChromiumSite {
  readonly browser: Browser;
  readonly server: StaticServer;
}

/** Starts both before the file's (or describe block's) tests and stops them after; `root` is read when they start. */
export function servedInChromium(root: () => string = () => DIST, base = '/'): ChromiumSite {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(root(), base)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet');
      return browser;
    },
    get server() {
      if (!server) throw new Error('the site is not served yet');
      return server;
    },
  };
}
