/**
 * The system Chromium the browser tests and `npm run lighthouse` drive (`npx playwright install` cannot download
 * one here), and the flags that keep it from waiting on a closed network.
 *
 * In: `requireChromium()` → '/usr/bin/chromium', or throws saying how to install it.
 */
import { accessSync, constants } from 'node:fs';
import { browserArgs } from '../../src/render/mermaid-build.ts';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The same flags as build-time diagrams: without them Chromium stalls on refused connections to Google services. */
export const chromiumFlags = browserArgs;

/** The browser's path; a missing browser is an error (CI installs it, see .ci/run), never a reason to skip. */
export function requireChromium(): string {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${chromiumPath}: the browser tests need it. Install it (apt-get install chromium, as .ci/run does) ` +
        'or point CHROMIUM_PATH at one.',
    );
  }
  return chromiumPath;
}
