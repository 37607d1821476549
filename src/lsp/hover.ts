/**
 * Hover: on a link, what it leads to (the doc's title, path and first lines; the heading's section; the block's
 * line), or why it leads nowhere; on a key of the frontmatter or of a dashboard or checklist block, the schema's
 * description of it and the values it takes.
 *
 * In: hover on `[[rollback#Steps]]` → "**Rollback** · `runbooks/rollback.md`" and the "## Steps" section
 * In: hover on `severity:` in a runbook → "Highest incident severity the runbook is written for. …" and "one of: sev1, …"
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { LinkFact } from '../markdown/types.ts';
import { selectSchema } from '../rules/frontmatter-schema.ts';
import { schemaRegistryFor } from '../schemas/registry.ts';
import { headingNodes, indexOf, linkAt, openDoc, type NavigationState, type OpenDoc } from './nav-context.ts';
import { locate, targetOf } from './link-targets.ts';
import { toRange } from './positions.ts';
import { blockSchemaOf, describe, valuesAt, yamlContextAt } from './yaml-schema-context.ts';

/** A preview is a glance, not the doc: this many lines at most. */
const previewLines = 12;

export function hover(state: NavigationState, path: string, text: string, position: Position): Hover | null {
  const doc = openDoc(path, text);
  const offset = doc.positions.offsetAt(position);
  const link = linkAt(doc, offset);
  if (link) return linkHover(state, doc, link);
  return keyHover(state, doc, position);
}

function linkHover(state: NavigationState, doc: OpenDoc, link: LinkFact): Hover | null {
  const range = toRange(link.span);
  const target = targetOf(state, doc.path, link, doc);
  if (!target) {
    const resolution = indexOf(state.analysis).resolve(link.target, doc.path, { relativeFirst: link.kind === 'markdown' || link.kind === 'image' });
    const suggestions = resolution.suggestions ?? [];
    const problem = resolution.path === undefined ? `No file for \`${link.target}\`` : `No \`#${link.anchor}\` in \`${resolution.path}\``;
    const hint = suggestions.length > 0 ? ` — did you mean ${suggestions.slice(0, 3).map((s) => `\`${s}\``).join(', ')}?` : '';
    return { contents: { kind: MarkupKind.Markdown, value: `${problem}${hint}` }, range };
  }
  const located = locate(state, target, doc);
  const facts = indexOf(state.analysis).docs.get(target.path);
  const title = target.path === doc.path ? doc.parsed.facts.title : facts?.title;
  const header = title ? `**${title}** · \`${target.path}\`` : `\`${target.path}\``;
  const candidates = indexOf(state.analysis).resolve(link.target, doc.path).candidates;
  const ambiguous = candidates && link.kind !== 'markdown' ? `\n\nAlso matches: ${candidates.slice(1).map((c) => `\`${c}\``).join(', ')}` : '';
  const preview = located.doc ? previewOf(located.doc, target.heading, located.range.start.line) : undefined;
  return { contents: { kind: MarkupKind.Markdown, value: `${header}${ambiguous}${preview ? `\n\n---\n\n${preview}` : ''}` }, range };
}

/** The heading's section, the block's line, or the doc's first lines after its frontmatter. */
function previewOf(doc: OpenDoc, heading: number | undefined, line: number): string {
  let start: number;
  let end = doc.text.length;
  if (heading !== undefined) {
    const nodes = headingNodes(doc.parsed);
    const node = nodes[heading]!;
    start = node.position!.start.offset!;
    const next = nodes.slice(heading + 1).find((other) => other.depth <= node.depth);
    if (next) end = next.position!.start.offset!;
  } else if (line > 0) {
    return doc.lines.lineText(line + 1).trim();
  } else {
    start = doc.parsed.frontmatter ? doc.parsed.frontmatter.span.end.offset : 0;
  }
  const lines = doc.text.slice(start, end).trim().split(/\r\n|\r|\n/);
  return lines.length > previewLines ? `${lines.slice(0, previewLines).join('\n')}\n\n…` : lines.join('\n');
}

/** On a key in the frontmatter or a dashboard/checklist block: its schema's word on it. */
function keyHover(state: NavigationState, doc: OpenDoc, position: Position): Hover | null {
  const line = position.line + 1;
  const lineText = doc.lines.lineText(line);
  const key = /^(\s*(?:-\s+)?)([^\s:#'"[\]{}][^:#]*?):(?:\s|$)/.exec(lineText);
  if (!key || position.character < key[1]!.length || position.character > key[1]!.length + key[2]!.length) return null;
  const lineStart = doc.lines.starts[line - 1]!;
  const body = bodyAt(state, doc, lineStart);
  if (!body) return null;
  const lines = doc.text.slice(body.start, lineStart + key[1]!.length + key[2]!.length).split(/\r\n|\r|\n/);
  const context = yamlContextAt(lines.map((l) => l.slice(Math.min(body.indent, /^\s*/.exec(l)![0].length))));
  if (!context || context.value !== undefined) return null;
  const path = [...context.path, context.key];
  const description = describe(body.schema, path);
  const { values } = valuesAt(body.schema, path);
  if (description === undefined && values.length === 0) return null;
  const value = [`\`${context.key}\``, description, values.length > 0 ? `One of: ${values.map((v) => `\`${v}\``).join(', ')}` : undefined]
    .filter(Boolean)
    .join('\n\n');
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: { start: { line: position.line, character: key[1]!.length }, end: { line: position.line, character: key[1]!.length + key[2]!.length } },
  };
}

/** The YAML body holding `offset` and its schema: the frontmatter, or a dashboard or checklist block. */
function bodyAt(state: NavigationState, doc: OpenDoc, offset: number): { start: number; indent: number; schema: string } | undefined {
  const frontmatter = doc.parsed.frontmatter;
  if (frontmatter && offset >= frontmatter.yamlOffset && offset <= frontmatter.yamlOffset + frontmatter.yaml.length) {
    const { config } = state;
    const schema = selectSchema(frontmatter.data ?? {}, config, () => schemaRegistryFor(config), () => {});
    return schema === undefined ? undefined : { start: frontmatter.yamlOffset, indent: 0, schema };
  }
  for (const { node } of doc.parsed.code) {
    const schema = blockSchemaOf(node.lang);
    const start = node.position!.start.offset!;
    if (!schema || offset <= start || offset > node.position!.end.offset!) continue;
    const fence = doc.lines.point(start).line;
    return { start: doc.lines.starts[fence]!, indent: /^\s*/.exec(doc.lines.lineText(fence))![0].length, schema };
  }
  return undefined;
}
