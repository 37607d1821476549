/**
 * Build-time mermaid rendering against a real Chromium. These tests fail, rather than skip, without one: CI installs
 * it in `.ci/run`, and a skipped test would hide that build-time diagrams stopped working.
 */
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, renderDiagrams, type DiagramResult } from '../../src/render/mermaid-build.ts';

const chromium = '/usr/bin/chromium';

const flowchart = `graph TD
  A[Deploy service] --> B{Healthy?}
  B -->|yes| C[Close change]
  B -->|no| D[Roll back]`;
const sequence = `sequenceDiagram
  participant Oncall
  participant Pager
  Pager->>Oncall: Page fired
  Oncall-->>Pager: Acknowledged`;
const invalid = 'graph TD\n  A -->';

let scratch: string;

beforeAll(async () => {
  if (findBrowser(chromium) !== chromium) {
    throw new Error(
      `Chromium is missing at ${chromium}: install it with \`apt-get install -y chromium\` (.ci/run does).`,
    );
  }
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-mermaid-'));
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function svgIds(svg: string): string[] {
  return [...svg.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
}

function expectSvg(result: DiagramResult | undefined): { light: string; dark: string } {
  expect(result?.error).toBeUndefined();
  expect(result?.light).toMatch(/^<svg[\s>]/);
  expect(result?.dark).toMatch(/^<svg[\s>]/);
  return { light: result!.light!, dark: result!.dark! };
}

// Each call starts Chromium and loads mermaid (~2 s, much more on a loaded machine).
describe('renderDiagrams', { timeout: 90_000 }, () => {
  it('renders, reports a bad diagram, then serves everything from the cache without a browser', async () => {
    const cacheDir = join(scratch, 'cache');
    const sources = [flowchart, sequence, invalid, flowchart];

    const first = await renderDiagrams(sources, { cacheDir });
    expect([...first.keys()]).toEqual([flowchart, sequence, invalid]);

    // Every label is in both SVGs and, since `role="img"` hides them, in the accessible name after the diagram type.
    const table: [source: string, kind: string, labels: string[]][] = [
      [flowchart, 'Flowchart', ['Deploy service', 'Healthy?', 'Close change', 'Roll back', 'yes', 'no']],
      [sequence, 'Sequence diagram', ['Oncall', 'Pager', 'Page fired', 'Acknowledged']],
    ];
    for (const [source, kind, labels] of table) {
      const { light, dark } = expectSvg(first.get(source));
      const ariaLabel = light.match(/^<svg [^>]*aria-label="([^"]*)"/)?.[1];
      expect(ariaLabel).toMatch(new RegExp(`^${kind}: `));
      for (const label of labels) {
        expect(light).toContain(label);
        expect(dark).toContain(label);
        expect(ariaLabel).toContain(label);
      }
      expect(light).not.toMatch(/<script/i);
      expect(light).toMatch(/^<svg [^>]*role="img"/);
      expect(light).not.toEqual(dark);
    }
    expect(first.get(invalid)).toEqual({ error: expect.stringMatching(/^Parse error on line \d+:[^]*got 'EOF'$/) });

    // Light and dark copies of both diagrams can share one page: no id repeats across the four SVGs.
    const ids = [flowchart, sequence].flatMap((source) => {
      const { light, dark } = expectSvg(first.get(source));
      return [...svgIds(light), ...svgIds(dark)];
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(svgIds(expectSvg(first.get(flowchart)).dark)[0]).toMatch(/^mermaid-[0-9a-f]{12}-dark$/);

    expect(await readdir(cacheDir)).toHaveLength(3);
    // A browser path that cannot start proves the second call never launches one.
    const second = await renderDiagrams(sources, { cacheDir, browser: join(scratch, 'no-such-chromium') });
    expect(second).toEqual(first);
  });

  it('throws a clear error when a diagram is not cached and the browser cannot start', async () => {
    await expect(
      renderDiagrams([flowchart], { cacheDir: join(scratch, 'empty'), browser: join(scratch, 'no-such-chromium') }),
    ).rejects.toThrow(/Chromium at .*no-such-chromium did not start/);
  });

  it('gives each diagram that exceeds the timeout an error instead of hanging', async () => {
    const cacheDir = join(scratch, 'timeout');
    const result = await renderDiagrams([flowchart, sequence], { cacheDir, timeoutMs: 1, batchSize: 2 });
    const error = { error: 'Rendering did not finish within 0.001 s.' };
    expect(result).toEqual(new Map([[flowchart, error], [sequence, error]]));
    // A timeout may be the machine's fault: it is not cached.
    expect(await readdir(cacheDir)).toEqual([]);
  });
});

describe('findBrowser', () => {
  it('prefers a configured executable, then the well-known paths', async () => {
    const executable = join(scratch, 'my-chrome');
    await writeFile(executable, '#!/bin/sh\n');
    await chmod(executable, 0o755);
    const notExecutable = join(scratch, 'plain-file');
    await writeFile(notExecutable, '');
    const installed = browserCandidates.find((path) => findBrowser(path) === path);

    const table: [configured: string | undefined, expected: string | undefined][] = [
      [executable, executable],
      [join(scratch, 'missing'), installed],
      [notExecutable, installed],
      [scratch, installed],
      [undefined, installed],
    ];
    for (const [configured, expected] of table) expect(findBrowser(configured), String(configured)).toBe(expected);
    expect(installed).toBe(chromium);
  });
});
