/**
 * Rule `placeholder-text`: a published doc has no template leftovers: `TODO`, `TBD`, `YYYY-MM-DD`, lorem ipsum,
 * and example table rows like `| YYYY-MM-DD | Initial version | Name |`. Prose and frontmatter values are
 * checked; code, comments and Templater commands (see `templater-placeholder`) are not.
 *
 * In: `owner: TBD` in the frontmatter → Out: `3:8 Unexpected placeholder `TBD`, expected real content`
 */
import type { Table, TableCell, Text } from 'mdast';
import { isScalar, visit } from 'yaml';
import { walk } from '../markdown/walk.ts';
import { templaterCommands } from '../templater/commands.ts';
import { defineFileRule } from './rule.ts';

export interface PlaceholderOptions {
  /** Placeholders, each a whole word matched case-sensitively, or `/regex/flags` for anything else. */
  patterns: string[];
  /** Words that are placeholders when they are all a table body cell holds (the header row names columns). */
  cellWords: string[];
}

/** Nodes whose text is not published prose. */
const opaque = new Set(['code', 'inlineCode', 'html', 'yaml', 'obsidianComment', 'wikiLink', 'math', 'inlineMath']);

const regexLiteral = /^\/(.+)\/([a-z]*)$/s;

function compile(pattern: string): RegExp {
  const literal = regexLiteral.exec(pattern);
  if (literal) {
    const flags = literal[2]!;
    try {
      return new RegExp(literal[1]!, flags.includes('g') ? flags : `${flags}g`);
    } catch (error) {
      throw new Error(`placeholder-text: invalid pattern ${pattern}: ${(error as Error).message}`, { cause: error });
    }
  }
  // Whole words only: `TODO` must not fire inside `TODOS` or `autodoc_TODO`.
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu');
}

const compiled = new WeakMap<readonly string[], RegExp[]>();
function compileAll(patterns: readonly string[]): RegExp[] {
  let regexes = compiled.get(patterns);
  if (!regexes) {
    regexes = patterns.map(compile);
    compiled.set(patterns, regexes);
  }
  return regexes;
}

interface Found {
  start: number;
  end: number;
}

function find(regexes: readonly RegExp[], text: string, base: number): Found[] {
  const found: Found[] = [];
  for (const regex of regexes) {
    for (const match of text.matchAll(regex)) {
      if (match[0] === '') continue;
      found.push({ start: base + match.index, end: base + match.index + match[0].length });
    }
  }
  return found;
}

export const placeholderText = defineFileRule<PlaceholderOptions>({
  id: 'placeholder-text',
  description: 'Published docs contain no template placeholders such as `TODO`, `TBD` or `YYYY-MM-DD`.',
  defaultSeverity: 'warn',
  defaultOptions: {
    patterns: ['YYYY-MM-DD', 'TODO', 'TBD', 'FIXME', 'XXX', '/\\blorem ipsum\\b/i'],
    cellWords: ['Name', 'Author', 'Owner', 'Description', 'Date'],
  },
  docs: [
    'Templates hold placeholders for the author to replace. The rule finds those left in published docs (files',
    'in the templates folder are exempt): the words of `patterns` in prose and in frontmatter values, and table',
    'body cells that hold nothing but one of `cellWords`, like the example row `| YYYY-MM-DD | … | Name |` of a',
    'change log. Header rows name columns and are never reported.',
    '',
    'A plain pattern matches a whole word, case-sensitively (`TODO`, not `todo` or `TODOs`); write `/regex/flags`',
    'for anything else. Code blocks, code spans, HTML, `%% comments %%` and Templater commands are not checked, so',
    'write a format name as code (`` `YYYY-MM-DD` ``) when the doc means the format itself.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'A filled-in change log',
        markdown: '| Date | Change | Author |\n|------|--------|--------|\n| 2024-03-18 | Canary rollout added | Dana Ruiz |\n',
      },
      { title: 'A format named as code', markdown: 'Dates in run logs use `YYYY-MM-DD`.\n' },
      { title: 'A comment for editors', markdown: 'Restart the service. %% TODO: add the health check %%\n' },
    ],
    notOk: [
      {
        title: 'A placeholder in the frontmatter',
        markdown: '---\ntitle: Failover runbook\nowner: TBD\n---\n',
        expect: ['3:8 Unexpected placeholder `TBD`, expected real content'],
      },
      {
        title: 'The example row of a change log',
        markdown: '| Date | Change | Author |\n|------|--------|--------|\n| YYYY-MM-DD | Initial version | Name |\n',
        expect: ['3:3 Unexpected placeholder `YYYY-MM-DD`', '3:34 Unexpected placeholder `Name`'],
      },
      {
        title: 'A to-do in prose',
        markdown: '## Rollback\n\nTODO: describe the database step.\n',
        expect: ['3:1 Unexpected placeholder `TODO`, expected real content'],
      },
    ],
  },
  check(doc, context) {
    if (doc.source.isTemplate) return;
    const { text, lines } = doc.source;
    const regexes = compileAll(context.options.patterns);
    const cellWords = new Set(context.options.cellWords);
    const found: Found[] = [];

    walk(doc.tree, (node) => {
      if (opaque.has(node.type)) return 'skip';
      const position = node.position;
      if (node.type === 'text' && position) {
        const start = position.start.offset ?? 0;
        found.push(...find(regexes, text.slice(start, position.end.offset), start));
      } else if (node.type === 'table') {
        for (const row of (node as Table).children.slice(1)) {
          for (const cell of row.children as TableCell[]) {
            const [only, ...rest] = cell.children;
            if (only?.type === 'text' && rest.length === 0 && cellWords.has((only as Text).value.trim()) && only.position) {
              found.push({ start: only.position.start.offset ?? 0, end: only.position.end.offset ?? 0 });
            }
          }
        }
      }
      return undefined;
    });

    const frontmatter = doc.frontmatter;
    if (frontmatter?.document) {
      const { yaml, yamlOffset } = frontmatter;
      visit(frontmatter.document, {
        Scalar(key, node) {
          if (key === 'key' || typeof node.value !== 'string' || !node.range || !isScalar(node)) return;
          const [start, end] = node.range;
          found.push(...find(regexes, yaml.slice(start, end), yamlOffset + start));
        },
      });
    }

    const templater = templaterCommands(text);
    const reported = new Set<number>();
    for (const { start, end } of found.sort((a, b) => a.start - b.start)) {
      if (reported.has(start) || templater.some((c) => start >= c.start && start < c.end)) continue;
      reported.add(start);
      const placeholder = text.slice(start, end);
      context.report({
        message: `Unexpected placeholder \`${placeholder}\`, expected real content`,
        span: lines.span(start, end),
        hint: 'Replace it with the real value; if this file is a template, move it to the templates folder.',
      });
    }
  },
});
