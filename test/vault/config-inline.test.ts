/**
 * The Astro integration's options are the config: validated by the same schema as the file, named in errors as
 * the options, relative paths against the project; a config file beside them is not read.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/vault/config.ts';

const label = 'shipshape() options in astro.config';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-config-inline-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'Footer.astro'), '<footer>team</footer>\n');
  writeFileSync(join(dir, 'theme.css'), ':root { --accent: red; }\n');
  // Not read when options are given: its content folder does not exist.
  writeFileSync(join(dir, 'shipshape.config.json'), JSON.stringify({ content: 'missing' }));
  return dir;
}

test('options resolve against the project and replace the config file', async () => {
  const dir = project();
  const config = await loadConfig({
    cwd: dir,
    env: {},
    inline: { config: { content: 'docs', site: { title: 'Team KB', css: ['theme.css'], components: { Footer: './Footer.astro' } } }, label },
  });
  expect(config.contentDir).toBe(join(dir, 'docs'));
  expect(config.site.title).toBe('Team KB');
  expect(config.site.css).toEqual([join(dir, 'theme.css')]);
  expect(config.site.components).toEqual({ Footer: join(dir, 'Footer.astro') });
});

test.each([
  ['an unknown key', { contnet: 'docs' }, '/contnet: Unexpected key "contnet" (did you mean content?)'],
  ['an unknown component', { site: { components: { Sidebar: './Sidebar.astro' } } }, '/site/components/Sidebar: Unexpected key "Sidebar" in site.components'],
  ['a missing component file', { content: 'docs', site: { components: { Header: './Header.astro' } } }, 'site.components.Header: no such file'],
  ['a missing stylesheet', { content: 'docs', site: { css: ['nope.css'] } }, 'site.css[0]: no such file'],
])('%s is a config error', async (_name, options, message) => {
  const error = await loadConfig({ cwd: project(), env: {}, inline: { config: options, label } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toContain(message);
  if (!message.startsWith('site.')) expect((error as Error).message).toContain(`Invalid config ${label}`);
});
