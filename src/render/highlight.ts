/**
 * Fenced code through Shiki: one highlighter per process, created on first use, each grammar loaded the first time
 * a doc needs it. Colours come out as CSS variables for both themes (`defaultColor: false`), so the site's
 * stylesheet picks light or dark. A language Shiki does not know is highlighted as plain `text`; nothing here throws.
 *
 * In: `await loadLanguages(['yml']); highlight('a: 1', 'yml')` → `<pre class="shiki shiki-themes github-light github-dark" style="--shiki-light:…">…`
 */
import type { Element } from 'hast';
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki';

const themes = { light: 'github-light', dark: 'github-dark' } as const;

/** Past either limit a block is shown plain: tokenising it would cost more than it is worth. */
export const maxHighlightChars = 200_000;
export const maxHighlightLines = 5_000;

let created: Promise<Highlighter | undefined> | undefined;
/** Set once `created` has settled with a highlighter: `highlight` is synchronous, called from mdast → hast handlers. */
let ready: Highlighter | undefined;
const loaded = new Set<string>();
const loading = new Map<string, Promise<void>>();

/** The Shiki name (or alias) for a fence's language, lower-cased; undefined when Shiki has no grammar for it. */
export function languageOf(lang: string | null | undefined): BundledLanguage | undefined {
  if (!lang) return undefined;
  const name = lang.toLowerCase();
  return Object.hasOwn(bundledLanguages, name) ? (name as BundledLanguage) : undefined;
}

/** Creates the highlighter if need be and loads the grammars not loaded yet. A grammar that fails to load stays plain. */
export async function loadLanguages(langs: Iterable<BundledLanguage>): Promise<void> {
  created ??= createHighlighter({ themes: [themes.light, themes.dark], langs: [] }).then(
    (highlighter) => (ready = highlighter),
    // Without a highlighter every block is rendered plain: a build must not fail on colours.
    () => undefined,
  );
  const highlighter = await created;
  if (!highlighter) return;
  const pending: Promise<void>[] = [];
  for (const lang of langs) {
    if (loaded.has(lang)) continue;
    let load = loading.get(lang);
    if (!load) {
      load = highlighter.loadLanguage(lang).then(
        () => void loaded.add(lang),
        () => undefined,
      );
      loading.set(lang, load);
    }
    pending.push(load);
  }
  await Promise.all(pending);
}

/**
 * The `pre` element for a block, or undefined when it is too long to highlight or no highlighter is ready.
 * `lang` should have gone through `loadLanguages` first; if it has not, the block is highlighted as `text`.
 */
export function highlight(code: string, lang: BundledLanguage | undefined): Element | undefined {
  if (!ready || tooLong(code)) return undefined;
  try {
    const root = ready.codeToHast(code, { lang: lang && loaded.has(lang) ? lang : 'text', themes, defaultColor: false });
    const pre = root.children[0];
    return pre?.type === 'element' ? pre : undefined;
  } catch {
    // A grammar that throws on some input: the block is shown plain rather than failing the page.
    return undefined;
  }
}

function tooLong(code: string): boolean {
  if (code.length > maxHighlightChars) return true;
  let lines = 1;
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) {
    if (++lines > maxHighlightLines) return true;
  }
  return false;
}
