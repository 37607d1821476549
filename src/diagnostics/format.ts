/**
 * Picks the formatter for `--format`: one name, one pure function from a CheckResult to the text to print.
 *
 * In: `formatResult('github', result, options)`
 * Out: `'::error file=content/a.md,line=3,…::Unresolved wikilink [[x]]\n'`
 */
import type { CheckResult } from './diagnostic.ts';
import { formatCodequality, type CodequalityOptions } from './format-codequality.ts';
import { formatGithub, type GithubOptions } from './format-github.ts';
import { formatJson } from './format-json.ts';
import { formatSarif, type SarifOptions } from './format-sarif.ts';
import { formatStylish, type StylishOptions } from './format-stylish.ts';

export const formatNames = ['stylish', 'json', 'github', 'sarif', 'codequality'] as const;

export type FormatName = (typeof formatNames)[number];

/** Everything any formatter may need; each takes the fields it uses. */
export type FormatOptions = StylishOptions & GithubOptions & SarifOptions & CodequalityOptions;

export function isFormatName(s: string): s is FormatName {
  return (formatNames as readonly string[]).includes(s);
}

export function formatResult(name: FormatName, result: CheckResult, options: FormatOptions): string {
  switch (name) {
    case 'stylish':
      return formatStylish(result, options);
    case 'json':
      return formatJson(result);
    case 'github':
      return formatGithub(result, options);
    case 'sarif':
      return formatSarif(result, options);
    case 'codequality':
      return formatCodequality(result, options);
  }
}
