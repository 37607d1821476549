/**
 * What the commands that check print with: Shipshape's version, and a check result through the chosen formatter,
 * paths shown relative to the working directory.
 *
 * In: `render({ format: 'stylish' }, result, '/repo')` → `content/a.md\n  3:10  error  …`
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { vaultText } from '../baseline/apply-baseline.ts';
import type { CheckResult } from '../diagnostics/diagnostic.ts';
import { formatResult, type FormatName } from '../diagnostics/format.ts';
import { rules } from '../rules/index.ts';
import { toolRoot } from '../vault/config.ts';

const manifest = JSON.parse(readFileSync(join(toolRoot, 'package.json'), 'utf8')) as {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
};

export const version = manifest.version;

/**
 * Where Shipshape's repository lives, for SARIF's `informationUri`, and under it the rules reference
 * (`docs/rules.md`) for each rule's `helpUri` (`…/docs/rules.md#<rule-id>`): package.json's `homepage`, else its
 * `repository`, else this constant.
 */
export const defaultRepositoryUrl = 'https://github.com/shipshape/shipshape';

/** `git+https://github.com/o/r.git` and `{ url: … }` → `https://github.com/o/r`. */
export function repositoryUrl(pkg: { homepage?: string; repository?: string | { url?: string } } = manifest): string {
  const raw = pkg.homepage ?? (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url);
  if (raw === undefined || raw === '') return defaultRepositoryUrl;
  const github = /^github:(.+)$/.exec(raw) ?? /^([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (github) return `https://github.com/${github[1]!.replace(/\.git$/, '')}`;
  return raw.replace(/^git\+/, '').replace(/^git@([^:]+):/, 'https://$1/').replace(/\.git$/, '').replace(/#.*$/, '');
}

export function render(options: { format: FormatName; color?: boolean }, result: CheckResult, cwd: string): string {
  const prefix = relative(cwd, result.contentDir).split(sep).join('/');
  const pathPrefix = prefix === '' ? '' : `${prefix}/`;
  const color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  return formatResult(options.format, result, {
    color,
    pathPrefix,
    version,
    informationUri: repositoryUrl(),
    docsUri: `${repositoryUrl()}/blob/main/docs/rules.md`,
    readSource: vaultText(result.contentDir),
    rules: rules.map((rule) => ({ id: rule.id, description: rule.description, defaultSeverity: rule.defaultSeverity })),
  });
}
