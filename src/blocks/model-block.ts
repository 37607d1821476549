/**
 * Model blocks, ```` ```json ```` and ```` ```yaml ````: rule `code-block-syntax` checks that they parse, and that
 * blocks that hold a model (a deployment plan…) match its JSON Schema. They render as highlighted code. The model is named in the info string (```` ```yaml schema=deployment-plan ````)
 * or recognised by a top-level key (`deployment_plan:`). Reports point into the block, at the file's line and column.
 *
 * In: "1. Plan\n   ```json\n   {\n     \"a\": 1\n     \"b\": 2\n   }\n   ```\n"
 * Out: `5:6 Invalid JSON: Expected ',' or '}' after property value`
 */
import type { Code } from 'mdast';
import { parseDocument } from 'yaml';
import { placeProblem, type Report, type Span } from '../diagnostics/diagnostic.ts';
import type { ParsedDoc } from '../markdown/types.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { jsonErrorOffset, jsonErrorText } from '../schemas/json-error.ts';
import { pointerProblem } from '../schemas/messages.ts';
import { schemaRegistryFor } from '../schemas/registry.ts';
import { locateYamlNode, type NodePart } from '../schemas/yaml-position.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { fenceLineSpan, valueToFile } from '../markdown/block-offsets.ts';
import { defineFileRule } from '../rules/rule.ts';
import type { BlockType } from './block-type.ts';
import { parseYamlBlock, reportDuplicateKeys, type ParsedBlock } from './block-yaml.ts';

type Options = Record<string, never>;

/** Template syntax (Go/Helm, Jinja, Templater): such a block is not meant to parse until it is rendered. */
const templateSyntax = /\{\{|\{%|<%/;
/** `schema=deployment-plan` or `schema="deployment-plan"` in the info string's meta. */
const schemaMeta = /(?:^|\s)schema=(?:"([^"]*)"|'([^']*)'|(\S+))/;

export const codeBlockSyntax = defineFileRule<Options>({
  id: 'code-block-syntax',
  description: 'JSON and YAML code blocks parse, and model blocks match their schema',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'Fenced code blocks with the language `json`, `yaml` or `yml` are parsed; syntax errors and duplicate keys are',
    'reported at their line and column in the file, also for blocks indented inside lists and quotes.',
    '',
    'A block is also validated against a model schema (`blockSchemas` in the config) when its info string names one',
    '(```` ```yaml schema=deployment-plan ````) or when it is a mapping with a top-level key listed in `blockKeys`',
    '(`deployment_plan` → `deployment-plan`). An unknown model name is reported.',
    '',
    'Blocks that contain template syntax (`{{ }}`, `{% %}`, `<% %>`) are skipped: they parse only once rendered.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'A valid JSON block inside a numbered list',
        markdown: ['1. **Health check**', '   ```json', '   { "path": "/healthz", "expect": 200 }', '   ```', ''].join('\n'),
      },
      {
        title: 'A Helm template is not checked until rendered',
        markdown: ['```yaml', 'image: {{ .Values.image }}', 'replicas: {{ .Values.replicas }', '```', ''].join('\n'),
      },
    ],
    notOk: [
      {
        title: 'A missing comma in a JSON block inside a numbered list',
        markdown: [
          '## Implementation Planning',
          '',
          '1. **Deployment Plan**',
          '   ```json',
          '   {',
          '     "service": "checkout-api"',
          '     "environment": "production"',
          '   }',
          '   ```',
          '',
        ].join('\n'),
        expect: ["7:6 Invalid JSON: Expected ',' or '}' after property value"],
      },
      {
        title: 'A duplicate key in a YAML block',
        markdown: ['```yaml', 'service: checkout-api', 'replicas: 3', 'replicas: 6', '```', ''].join('\n'),
        expect: ['4:1 Unexpected duplicate key "replicas", expected each key once'],
      },
      {
        title: 'A deployment plan that does not match its model',
        markdown: [
          '```yaml',
          'deployment_plan:',
          '  strategy: big-bang',
          '  phases: [preparation, execution]',
          '```',
          '',
        ].join('\n'),
        expect: ['3:13 Unexpected value "big-bang" for deployment_plan.strategy'],
      },
    ],
  },
  check(doc, context) {
    for (const { node: code } of doc.code) {
      const lang = code.lang?.toLowerCase();
      if (modelBlocks.matches(lang, code.meta)) checkBlock(code, lang === 'json' ? 'json' : 'yaml', doc, context.config, context.report);
    }
  },
});

export const modelBlocks: BlockType = {
  name: 'model',
  matches: (lang) => lang === 'json' || lang === 'yaml' || lang === 'yml',
  rule: codeBlockSyntax,
};

function checkBlock(code: Code, lang: 'json' | 'yaml', doc: ParsedDoc, config: ResolvedConfig, report: (report: Report) => void): void {
  const fence = code.position?.start;
  if (!fence || code.value.trim() === '' || templateSyntax.test(code.value)) return;
  const { lines } = doc.source;
  const toFile = valueToFile(code.value, fence.line, lines);
  const at = (start: number, end: number): Span => lines.span(toFile(start), toFile(Math.max(end, start + 1)));
  const fenceSpan = fenceLineSpan(code, lines);

  // The model named in the info string, checked before the content: a wrong name is wrong even in a broken block.
  const meta = code.meta ? schemaMeta.exec(code.meta) : null;
  const declared = meta ? (meta[1] ?? meta[2] ?? meta[3] ?? '') : undefined;
  if (declared !== undefined && !Object.hasOwn(config.blockSchemas, declared)) {
    const known = Object.keys(config.blockSchemas).sort();
    const column = lines.lineText(fence.line).indexOf(declared, fence.column - 1);
    const start = column >= 0 ? lines.offset(fence.line, column + 1) : fenceSpan.start.offset;
    const close = suggest(declared, known);
    report({
      message: `Unexpected schema "${declared}", ${known.length > 0 ? `expected one of: ${known.join(', ')}` : 'expected a name from blockSchemas (none are configured)'}`,
      span: lines.span(start, start + declared.length),
      ...(close.length > 0 ? { suggestions: close } : {}),
    });
    return;
  }

  const documents = lang === 'json' ? parseJsonBlock(code.value, at, report) : parseYamlBlock(code.value, at, report);
  for (const { document, data } of documents) {
    const model = declared ?? modelOf(data, config.blockKeys);
    if (model === undefined || !Object.hasOwn(config.blockSchemas, model)) continue;
    const spanOf = (pointer: string, part: NodePart): Span => {
      const range = pointer === '' ? undefined : locateYamlNode(document, pointer, part);
      return range && range.depth > 0 ? at(range.start, range.end) : fenceSpan;
    };
    for (const issue of schemaRegistryFor(config).validate(config.blockSchemas[model]!, data)) report(placeProblem(pointerProblem(issue), spanOf));
  }
}

function parseJsonBlock(value: string, at: (start: number, end: number) => Span, report: (report: Report) => void): ParsedBlock[] {
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = jsonErrorOffset(value, error.message);
    report({ message: `Invalid JSON: ${jsonErrorText(error.message)}`, span: at(offset, offset + 1) });
    return [];
  }
  const document = parseDocument(value, { uniqueKeys: true, prettyErrors: false });
  // JSON.parse keeps the last of two equal keys without a word; the first one's value is silently lost.
  reportDuplicateKeys(document, at, report);
  return [{ document, data }];
}

/** The model of an undeclared block: the first top-level key that `blockKeys` knows. */
function modelOf(data: unknown, blockKeys: Record<string, string>): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  for (const key of Object.keys(data)) if (Object.hasOwn(blockKeys, key)) return blockKeys[key];
  return undefined;
}
