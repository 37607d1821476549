/**
 * `diagrams: "build"`: every mermaid diagram of the vault drawn once, at build time, into inline SVG (cached by
 * content hash). Without a browser to draw with, the site falls back to drawing in the reader's browser and says so.
 *
 * In: `drawDiagrams(['graph TD; A-->B'], config, cacheDir)` → Map { 'graph TD; A-->B' => { light: '<svg…', dark: '<svg…' } }
 */
import { join } from 'node:path';
import { findBrowser, renderDiagrams, type DiagramResult } from '../render/mermaid-build.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';

export async function drawDiagrams(
  sources: readonly string[],
  config: ResolvedConfig,
  cacheDir: string,
  log: (message: string) => void = () => {},
): Promise<Map<string, DiagramResult> | undefined> {
  if (sources.length === 0) return new Map();
  const browser = findBrowser(config.site.browser);
  if (!browser) {
    log('diagrams: "build" needs Chromium (site.browser or /usr/bin/chromium); none found, so diagrams are drawn in the browser');
    return undefined;
  }
  try {
    return await renderDiagrams(sources, { browser, cacheDir: join(cacheDir, 'mermaid') });
  } catch (error) {
    log(`diagrams: "build" could not start ${browser} (${(error as Error).message}); diagrams are drawn in the browser`);
    return undefined;
  }
}
