/**
 * One file, start to finish: decode, parse once, run every enabled file rule on that one tree. Pure with respect
 * to (bytes, path, config), which is what lets the cache keep results and workers run it in parallel.
 *
 * In: `{ path: 'a.md', bytes, isTemplate: false }` → `{ facts, diagnostics: [{ rule: 'code-fence', line: 22, … }] }`
 */
import { readBlocks } from '../blocks/index.ts';
import { toDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { lineIndex } from '../markdown/line-index.ts';
import { parseDoc } from '../markdown/parse.ts';
import type { DocFacts, ParsedDoc, SourceFile } from '../markdown/types.ts';
import { rules } from '../rules/index.ts';
import type { FileRule } from '../rules/rule.ts';
import { ruleSettings } from '../rules/settings.ts';
import type { RenderedDoc } from '../render/types.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { decodeSource } from '../vault/decode.ts';
import { stem } from '../vault/vault-path.ts';

export interface FileInput {
  path: string;
  bytes: Uint8Array;
  isTemplate: boolean;
}

export interface FileResult {
  facts: DocFacts;
  diagnostics: Diagnostic[];
  /** The page's HTML, when asked for (site builds) and the file is published (not a template, not binary). */
  rendered?: RenderedDoc;
}

const fileRules = rules.filter((rule): rule is FileRule => rule.scope === 'file');

/**
 * `check`: parse and run the file rules; `render`: also render the doc to HTML from the same tree; `facts`: parse
 * only, for a command that needs what docs say but not their problems (`metrics`' environment tiers).
 */
export type AnalysisMode = 'facts' | 'check' | 'render';

/** A render that throws is not caught: a page that cannot be rendered must fail the build, not become an empty page. */
export async function analyzeFile(input: FileInput, config: ResolvedConfig, mode: AnalysisMode = 'check'): Promise<FileResult> {
  const decoded = decodeSource(input.bytes);
  const source: SourceFile = { ...input, text: decoded.text, lines: lineIndex(decoded.text) };
  const doc: ParsedDoc = decoded.binary ? emptyDoc(source) : readBlocks(parseDoc(source));
  const diagnostics: Diagnostic[] = [];
  for (const rule of mode === 'facts' ? [] : fileRules) {
    if (decoded.binary && rule.id !== 'encoding') continue;
    const { severity, options } = ruleSettings(rule, config.rules);
    if (!severity) continue;
    const report = (r: Parameters<Parameters<FileRule['check']>[1]['report']>[0]) =>
      diagnostics.push(toDiagnostic(rule.id, severity, input.path, r));
    try {
      await rule.check(doc, { options, config, report });
    } catch (error) {
      // A rule that throws is a bug in Shipshape; say so at the file instead of losing every other result.
      diagnostics.push(
        toDiagnostic(rule.id, 'error', input.path, {
          message: `Internal error in rule ${rule.id}: ${(error as Error).message}`,
          span: source.lines.span(0, 0),
          hint: 'please report this with the file that triggers it',
        }),
      );
    }
  }
  if (mode !== 'render' || decoded.binary || input.isTemplate) return { facts: doc.facts, diagnostics };
  // Loaded only here: `check` never pays for the renderer and its highlighter.
  const { renderDoc } = await import('../render/render-doc.ts');
  return { facts: doc.facts, diagnostics, rendered: await renderDoc(doc, { html: config.site.html }) };
}

function emptyDoc(source: SourceFile): ParsedDoc {
  return {
    source,
    tree: { type: 'root', children: [] },
    frontmatterProblems: [],
    code: [],
    facts: { path: source.path, isTemplate: source.isTemplate, title: stem(source.path), aliases: [], tags: [], headings: [], blockIds: [], links: [] },
  };
}
