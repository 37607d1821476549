/**
 * A config that fails its schema is reported in the words frontmatter errors use (`schemas/messages.ts`): what is
 * unexpected and what was expected, a "did you mean", where it is, and the schema's own wording.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/vault/config.ts';

async function configError(config: unknown): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-config-errors-'));
  writeFileSync(join(dir, 'shipshape.config.json'), JSON.stringify(config));
  const error = await loadConfig({ cwd: dir, content: dir, env: {} }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as ConfigError).message;
  expect(message.split('\n')[0]).toBe(`Invalid config ${join(dir, 'shipshape.config.json')}:`);
  return message.split('\n').slice(1).join('\n');
}

test.each([
  ['an unknown key', { contnet: 'content' }, ['/contnet: Unexpected key "contnet" (did you mean content?) — config schema: must NOT have additional properties']],
  [
    'an unknown severity',
    { rules: { 'broken-link': 'fatal' } },
    ['/rules/broken-link: Unexpected value "fatal" for rules.broken-link, expected one of: off, info, warn, error — config schema: must be equal to one of the allowed values'],
  ],
  ['an unknown key under dashboards', { dashboards: { windw: '30d' } }, ['/dashboards/windw: Unexpected key "windw" in dashboards (did you mean window?) — config schema: must NOT have additional properties']],
  ['a number too small', { dashboards: { trendWeeks: 1 } }, ['/dashboards/trendWeeks: Unexpected 1 for dashboards.trendWeeks, expected at least 2 — config schema: must be >= 2']],
  [
    'two problems',
    { site: { base: 3, publish: 'some' } },
    [
      '/site/base: Unexpected number for site.base, expected string — config schema: must be string',
      '/site/publish: Unexpected value "some" for site.publish, expected one of: all, explicit — config schema: must be equal to one of the allowed values',
    ],
  ],
  ['not a mapping', ['content'], ['(root): Unexpected list, expected mapping — config schema: must be object']],
])('%s', async (_, config, lines) => {
  expect(await configError(config)).toBe(lines.map((line) => `  ${line}`).join('\n'));
});
