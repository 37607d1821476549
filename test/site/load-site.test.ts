import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult, Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { fails, loadSite } from '../../src/site/load-site.ts';
import { loadConfig } from '../../src/vault/config.ts';

const diagnostic = (severity: Diagnostic['severity']) => ({ severity }) as Diagnostic;
const result = (...severities: Diagnostic['severity'][]): CheckResult => ({ files: 1, contentDir: '/', diagnostics: severities.map(diagnostic) });

describe('fails', () => {
  it.each([
    ['error', [], false],
    ['error', ['warning', 'info'], false],
    ['error', ['error'], true],
    ['warning', ['warning'], true],
    ['warning', ['info'], false],
    ['never', ['error'], false],
  ] as const)('failOn %s with %j → %s', (failOn, severities, expected) => {
    expect(fails(result(...severities), failOn)).toBe(expected);
  });
});

describe('loadSite with diagrams: "build"', () => {
  it('inlines both themes’ SVG, and shows a broken diagram’s source with its error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-diagrams-'));
    const vault = join(dir, 'vault');
    writeFileSync(join(dir, 'shipshape.config.json'), JSON.stringify({ content: 'vault', site: { diagrams: 'build' } }));
    await import('node:fs/promises').then((fs) => fs.mkdir(vault));
    writeFileSync(join(vault, 'flow.md'), '# Flow\n\n```mermaid\ngraph TD\n  A[Merge] --> B[Canary]\n```\n\n```mermaid\ngraph TD\n  A --> \n```\n');
    const config = await loadConfig({ cwd: dir, env: {} });
    const { site } = await loadSite(config, { drawDiagrams: true });
    const html = site.pages[0]!.html;
    expect(html).toMatch(/<figure class="diagram"><div class="diagram-light"><svg[^>]*role="img"[\s\S]*Canary[\s\S]*<div class="diagram-dark"><svg/);
    expect(html).toMatch(/<figure class="diagram diagram-error"><pre>graph TD\n {2}A --> <\/pre><figcaption>Diagram error:<pre>Parse error on line \d+:[^<]+<\/pre><\/figcaption><\/figure>/);
    // Every diagram was dealt with at build time: the page does not load mermaid.
    expect(site.pages[0]!.hasMermaid).toBe(false);
  }, 120_000);
});
