/**
 * Mermaid diagrams rendered to inline SVG at build time, so pages show diagrams without shipping mermaid (~3 MB) to
 * readers. One headless Chromium and one page serve a whole call; results are cached by content hash, and a call
 * whose diagrams are all cached never starts the browser.
 *
 * In:  renderDiagrams(['graph TD\n  A[Deploy] --> B[Verify]'], { cacheDir: '.cache/mermaid' })
 * Out: Map { 'graph TD\n  A[Deploy] --> B[Verify]' => {
 *        light: '<svg id="mermaid-1a2b…-light" role="img" aria-label="Flowchart: Deploy, Verify" …>…</svg>',
 *        dark: '<svg id="mermaid-1a2b…-dark" role="img" aria-label="Flowchart: Deploy, Verify" …>…</svg>' } }
 *
 * Light and dark: every diagram is rendered twice, with mermaid's `default` and `dark` themes (one dark colour raised
 * for contrast, see `themeVariables`), and the page carries both; site CSS shows the one matching the active theme
 * (`display: none` also hides the other from screen readers).
 * A single rendering cannot follow the theme toggle: mermaid derives dozens of colours from its theme variables in
 * JavaScript (khroma), so CSS custom properties cannot be passed in, and `neutral` alone is grey-on-white, which reads
 * as a bright box on a dark page. Two renderings cost twice the time once, and then come from the cache.
 *
 * What is changed in mermaid's SVG: `<script>` elements, `on*` attributes and `javascript:` links are removed
 * (`securityLevel: 'strict'` already escapes labels; this is a second guard for HTML we inline); ids mermaid leaves
 * unprefixed (sequence actors) get the diagram's prefix, so the light and dark copies on one page do not collide; the
 * root gets `role="img"` and, unless the diagram has an `accTitle`, an `aria-label` naming the diagram type and its
 * labels (`role="img"` hides the text inside from assistive technology). Mermaid's `width="100%"` with an inline
 * `max-width` of the natural width is kept: it already shrinks on narrow screens and never blows small diagrams up.
 *
 * Ids are `mermaid-<hash of the source>-light|dark`: distinct diagrams never collide; the same diagram twice on one
 * page repeats its ids (identical styles, so only an id-uniqueness checker would notice).
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeFileAtomic } from '../vault/atomic-write.ts';

/** One diagram's outcome: both SVGs, or mermaid's error message. */
export interface DiagramResult {
  /** SVG for the light site theme. */
  light?: string;
  /** SVG for the dark site theme. */
  dark?: string;
  /** Why the diagram did not render: mermaid's message (e.g. `Parse error on line 2: …`), or a timeout. */
  error?: string;
}

/** Mermaid's built-in themes. */
export type MermaidTheme = 'default' | 'dark' | 'neutral' | 'forest' | 'base';

export interface MermaidBuildOptions {
  /** Chromium or Chrome executable, used as given (a wrong path is an error); default: `findBrowser()`. */
  browser?: string;
  /** Folder for cached results, one JSON file per diagram; created when missing. */
  cacheDir: string;
  /** Mermaid theme for each site theme; default `{ light: 'default', dark: 'dark' }`. */
  themes?: { light: MermaidTheme; dark: MermaidTheme };
  /**
   * Diagrams rendered per `page.evaluate` round trip; default 10. Batching barely matters for speed (20 diagrams
   * took the same 5–7 s in batches of 1, 10 and 20: layout costs ~150 ms a diagram, a round trip a few ms); the size
   * bounds what one timeout costs.
   */
  batchSize?: number;
  /** Milliseconds one batch may take to render; a diagram that alone exceeds it gets an error. Default 30 000. */
  timeoutMs?: number;
}

const defaults = {
  themes: { light: 'default', dark: 'dark' },
  batchSize: 10,
  timeoutMs: 30_000,
} satisfies Omit<Required<MermaidBuildOptions>, 'browser' | 'cacheDir'>;

/** Where `findBrowser` looks after the configured path, in order. */
export const browserCandidates: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/**
 * Without the background-networking flags Chromium opens connections (updates, sync, field trials) at start, and on a
 * closed network they are refused many at a time; diagrams need no network at all. The browser tests use them too.
 */
export const browserArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const require = createRequire(import.meta.url);
const mermaidBundle = require.resolve('mermaid/dist/mermaid.min.js');
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

/** Bump when the post-processing below changes, so cached SVGs are rendered again. */
const cacheFormat = 1;

/**
 * Theme variables set on top of a mermaid theme. `dark` draws edge labels as #ccc on #585858, a 4.43:1 contrast that
 * fails WCAG AA (4.5:1) and Lighthouse's color-contrast audit; #404040 gives 6.5:1.
 */
const themeVariables: Partial<Record<MermaidTheme, Record<string, string>>> = {
  dark: { edgeLabelBackground: '#404040' },
};

/** Starting Chromium and loading mermaid into a page takes about 2 s; this much means it is stuck. */
const setupTimeoutMs = 60_000;

/** The configured executable if it exists, else the first of `browserCandidates` that does. */
export function findBrowser(configured?: string): string | undefined {
  return [configured, ...browserCandidates].find((path) => path !== undefined && isExecutableFile(path));
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Renders each distinct source, from the cache where possible. Never throws for a bad diagram (its result has
 * `error`); throws when a browser is needed and cannot be found or started, so the caller can fall back to rendering
 * in the reader's browser.
 */
export async function renderDiagrams(
  sources: readonly string[],
  options: MermaidBuildOptions,
): Promise<Map<string, DiagramResult>> {
  const themes = options.themes ?? defaults.themes;
  const pageThemes: PageInput['themes'] = {
    light: { theme: themes.light, themeVariables: themeVariables[themes.light] ?? {} },
    dark: { theme: themes.dark, themeVariables: themeVariables[themes.dark] ?? {} },
  };
  const diagrams = [...new Set(sources)].map((source) => {
    const key = sha1(JSON.stringify([cacheFormat, mermaidVersion, pageThemes, source]));
    return { source, key, id: `mermaid-${sha1(source).slice(0, 12)}` };
  });

  const results = new Map<string, DiagramResult>();
  await Promise.all(
    diagrams.map(async (diagram) => {
      const cached = await readCached(join(options.cacheDir, `${diagram.key}.json`));
      if (cached) results.set(diagram.source, cached);
    }),
  );
  const misses = diagrams.filter((diagram) => !results.has(diagram.source));
  const inSourceOrder = () => new Map(diagrams.map(({ source }) => [source, results.get(source)!]));
  if (misses.length === 0) return inSourceOrder();

  const executable = options.browser ?? findBrowser();
  if (executable === undefined) {
    throw new Error(
      `Cannot render mermaid diagrams at build time: no Chromium found at ${browserCandidates.join(', ')}. ` +
        'Install it (apt-get install chromium) or configure its path.',
    );
  }
  await mkdir(options.cacheDir, { recursive: true });
  const session: Session = { browser: await launch(executable), timeoutMs: options.timeoutMs ?? defaults.timeoutMs };
  try {
    const batchSize = Math.max(1, options.batchSize ?? defaults.batchSize);
    for (let start = 0; start < misses.length; start += batchSize) {
      const batch = misses.slice(start, start + batchSize);
      const rendered = await renderBatch(session, {
        items: batch.map(({ id, source }) => ({ id, source })),
        themes: pageThemes,
      });
      await Promise.all(
        batch.map(async (diagram, index) => {
          const { result, cacheable } = rendered[index]!;
          results.set(diagram.source, result);
          if (cacheable) await writeFileAtomic(join(options.cacheDir, `${diagram.key}.json`), JSON.stringify(result));
        }),
      );
    }
  } finally {
    await session.browser.close();
  }
  return inSourceOrder();
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

async function readCached(file: string): Promise<DiagramResult | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    return isDiagramResult(value) ? value : undefined;
  } catch {
    // A truncated or foreign file is a cache miss; rendering again overwrites it.
    return undefined;
  }
}

function isDiagramResult(value: unknown): value is DiagramResult {
  if (typeof value !== 'object' || value === null) return false;
  const { light, dark, error } = value as Record<string, unknown>;
  return typeof error === 'string' || (typeof light === 'string' && typeof dark === 'string');
}

interface Session {
  browser: Browser;
  /** Opened on first use, and again after a timeout left the previous one stuck. */
  page?: Page;
  timeoutMs: number;
}

async function launch(executable: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: executable, args: browserArgs, timeout: setupTimeoutMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `Cannot render mermaid diagrams at build time: Chromium at ${executable} did not start (${reason}).`,
      { cause: error },
    );
  }
}

/** A blank page with mermaid's browser bundle read from node_modules: nothing is fetched. */
async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(setupTimeoutMs);
  await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: mermaidBundle });
  return page;
}

interface Rendered {
  result: DiagramResult;
  /** False for a timeout, which may be the machine's fault rather than the diagram's. */
  cacheable: boolean;
}

class BatchTimeout extends Error {}

/**
 * One round trip for the whole batch. When it times out, the page (stuck in mermaid) is replaced and the batch's
 * diagrams are tried one at a time, so only the slow one ends with an error.
 */
async function renderBatch(session: Session, input: PageInput): Promise<Rendered[]> {
  const page = (session.page ??= await openPage(session.browser));
  const evaluation = page.evaluate(renderInPage, input);
  // Once the timeout wins, closing the page rejects the evaluation; that rejection is expected and has no reader.
  evaluation.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BatchTimeout()), session.timeoutMs);
  });
  try {
    const results = await Promise.race([evaluation, timeout]);
    return results.map((result) => ({ result, cacheable: true }));
  } catch (error) {
    if (!(error instanceof BatchTimeout)) throw error;
  } finally {
    clearTimeout(timer);
  }

  session.page = undefined;
  await page.close({ runBeforeUnload: false });
  if (input.items.length === 1) {
    return [{ result: { error: `Rendering did not finish within ${session.timeoutMs / 1000} s.` }, cacheable: false }];
  }
  const rendered: Rendered[] = [];
  for (const item of input.items) rendered.push(...(await renderBatch(session, { ...input, items: [item] })));
  return rendered;
}

interface PageInput {
  items: { id: string; source: string }[];
  themes: Record<'light' | 'dark', { theme: MermaidTheme; themeVariables: Record<string, string> }>;
}

/** The little of the DOM that `renderInPage` uses: the project compiles without `lib.dom`. */
interface PageNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: Iterable<PageNode>;
}

interface PageElement extends PageNode {
  innerHTML: string;
  readonly id: string;
  readonly firstElementChild: PageElement | null;
  readonly attributes: Iterable<{ readonly name: string; readonly value: string }>;
  querySelectorAll(selectors: string): Iterable<PageElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  remove(): void;
}

interface PageGlobals {
  document: { createElement(tagName: 'div'): PageElement };
  mermaid: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
}

/**
 * Runs in the page, serialised by Playwright: it may use only its argument and the page's globals, nothing from this
 * module's scope. Renders every diagram with the light theme, then every one that succeeded with the dark theme
 * (`initialize` once per theme, not per diagram), and tidies each SVG (see the module comment).
 */
async function renderInPage({ items, themes }: PageInput): Promise<DiagramResult[]> {
  const { document, mermaid } = globalThis as unknown as PageGlobals;

  const tidy = (markup: string, id: string): string => {
    const container = document.createElement('div');
    container.innerHTML = markup;
    const svg = container.firstElementChild;
    if (svg === null) throw new Error('Mermaid returned no SVG.');
    for (const script of svg.querySelectorAll('script')) script.remove();

    const elements = [svg, ...svg.querySelectorAll('*')];
    const renamed = new Map<string, string>();
    for (const element of elements) {
      for (const { name, value } of [...element.attributes]) {
        if (/^on/i.test(name) || (/href$/i.test(name) && /^\s*javascript:/i.test(value))) element.removeAttribute(name);
      }
      if (element !== svg && element.id !== '' && !element.id.includes(id)) {
        renamed.set(element.id, `${id}-${element.id}`);
        element.setAttribute('id', `${id}-${element.id}`);
      }
    }
    if (renamed.size > 0) {
      for (const element of elements) {
        for (const { name, value } of [...element.attributes]) {
          const swap = (ref: string): string => renamed.get(ref) ?? ref;
          const next =
            /href$/i.test(name) ? value.replace(/^#(.+)$/, (_, ref: string) => `#${swap(ref)}`)
            : /^aria-(labelledby|describedby)$/i.test(name) ? value.split(/\s+/).map(swap).join(' ')
            : value.replace(/url\(#([^)]+)\)/g, (_, ref: string) => `url(#${swap(ref)})`);
          if (next !== value) element.setAttribute(name, next);
        }
      }
    }

    const texts: string[] = [];
    const collect = (node: PageNode): void => {
      if (node.nodeType === 3) {
        const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
        if (text !== '' && !texts.includes(text)) texts.push(text);
      } else if (!['style', 'title', 'desc', 'script'].includes(node.nodeName.toLowerCase())) {
        for (const child of node.childNodes) collect(child);
      }
    };
    // Boxes first: in the DOM, a flowchart's edge labels come before its nodes.
    for (const node of svg.querySelectorAll('.node, .cluster')) collect(node);
    collect(svg);
    const type = (svg.getAttribute('aria-roledescription') ?? '')
      .replace(/-v\d+$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    const kind =
      type === 'er' ? 'entity relationship diagram'
      : type === '' ? 'diagram'
      : /diagram|chart|graph|map/.test(type) ? type
      : `${type} diagram`;
    let label = kind.charAt(0).toUpperCase() + kind.slice(1);
    if (texts.length > 0) label += `: ${texts.join(', ')}`;
    if (label.length > 300) label = `${label.slice(0, 299)}…`;

    // `role="img"` is announced as an image by every screen reader; mermaid's `graphics-document` is not.
    svg.setAttribute('role', 'img');
    svg.removeAttribute('aria-roledescription');
    if (!svg.hasAttribute('aria-labelledby') && !svg.hasAttribute('aria-label')) svg.setAttribute('aria-label', label);
    return container.innerHTML;
  };

  const results: DiagramResult[] = items.map(() => ({}));
  for (const variant of ['light', 'dark'] as const) {
    const config = { startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, ...themes[variant] };
    mermaid.initialize(config);
    for (const [index, { id, source }] of items.entries()) {
      const result = results[index]!;
      if (result.error !== undefined) continue;
      try {
        const { svg } = await mermaid.render(`${id}-${variant}`, source);
        result[variant] = tidy(svg, `${id}-${variant}`);
      } catch (error) {
        results[index] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
  }
  return results;
}
