/**
 * What the commands that check print with: Shipshape's version, and a check result through the chosen formatter,
 * paths shown relative to the working directory.
 *
 * In: `render({ format: 'stylish' }, result, '/repo')` → `content/a.md\n  3:10  error  …`
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CheckResult } from '../diagnostics/diagnostic.ts';
import { formatResult, type FormatName } from '../diagnostics/format.ts';
import { rules } from '../rules/index.ts';
import { toolRoot } from '../vault/config.ts';

export const version = (JSON.parse(readFileSync(join(toolRoot, 'package.json'), 'utf8')) as { version: string }).version;

export function render(options: { format: FormatName; color?: boolean }, result: CheckResult, cwd: string): string {
  const prefix = relative(cwd, result.contentDir).split(sep).join('/');
  const pathPrefix = prefix === '' ? '' : `${prefix}/`;
  const color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  return formatResult(options.format, result, {
    color,
    pathPrefix,
    version,
    rules: rules.map((rule) => ({ id: rule.id, description: rule.description, defaultSeverity: rule.defaultSeverity })),
  });
}
