/**
 * `loadConfig` for the dashboards' settings and the environments' tiers: defaults, the window in days, lower-cased
 * environment names, and the config errors (schema and `asOf`).
 *
 * In: `{ "dashboards": { "window": "12w" }, "environments": { "EU-Live": "production" } }` → `dashboards.windowDays: 84`, `environments: { 'eu-live': 'production' }`
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/vault/config.ts';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project folder with a `content/` vault and, when given, `shipshape.config.json`. */
function project(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-config-'));
  temps.push(dir);
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content', 'index.md'), '# Home\n');
  if (config !== undefined) writeFileSync(join(dir, 'shipshape.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('loadConfig: dashboards and environments', () => {
  test('resolves the configured settings', async () => {
    const dir = project({
      dashboards: { window: '12w', asOf: 'latest-run', runPages: 5, benchmark: 'dora-2024' },
      environments: { 'EU-Live': 'production', Perf: 'testing' },
    });
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.dashboards).toStrictEqual({ windowDays: 84, asOf: 'latest-run', trendWeeks: 26, runPages: 5, benchmark: 'dora-2024' });
    expect(config.environments).toStrictEqual({ 'eu-live': 'production', perf: 'testing' });
  });

  test('defaults without a config file', async () => {
    const config = await loadConfig({ cwd: project(), env: {} });
    expect(config.dashboards).toStrictEqual({ windowDays: 90, asOf: 'now', trendWeeks: 26, runPages: 200 });
    expect(config.environments).toStrictEqual({});
  });

  test.each([
    [{ window: '30d' }, { windowDays: 30 }],
    [{ window: '1w' }, { windowDays: 7 }],
    [{ asOf: '2026-11-20T00:00:00Z' }, { asOf: '2026-11-20T00:00:00Z' }],
    [{ trendWeeks: 8 }, { trendWeeks: 8 }],
    [{ runPages: 0 }, { runPages: 0 }],
  ])('dashboards %j → %j', async (dashboards, expected) => {
    expect((await loadConfig({ cwd: project({ dashboards }), env: {} })).dashboards).toMatchObject(expected);
  });

  test('dashboards settings do not change the config hash (they change pages, not check results)', async () => {
    const dir = project({});
    const plain = await loadConfig({ cwd: dir, env: {} });
    writeFileSync(join(dir, 'shipshape.config.json'), JSON.stringify({ dashboards: { window: '4w', benchmark: 'dora-2024' } }));
    const withDashboards = await loadConfig({ cwd: dir, env: {} });
    expect(withDashboards.dashboards.windowDays).toBe(28);
    expect(withDashboards.hash).toBe(plain.hash);
  });

  test.each([
    ['an invalid asOf', { dashboards: { asOf: 'yesterday' } }, /dashboards\.asOf must be now, latest-run or an RFC 3339 time, not "yesterday"/],
    ['an unknown key under dashboards', { dashboards: { windw: '30d' } }, /Invalid config[\s\S]*\/dashboards/],
    ['a window without a unit', { dashboards: { window: '30' } }, /Invalid config[\s\S]*\/dashboards\/window/],
    ['a window of 0 days', { dashboards: { window: '0d' } }, /Invalid config[\s\S]*\/dashboards\/window/],
    ['an unknown benchmark', { dashboards: { benchmark: 'dora-2019' } }, /Invalid config[\s\S]*\/dashboards\/benchmark/],
    ['one trend week', { dashboards: { trendWeeks: 1 } }, /Invalid config[\s\S]*\/dashboards\/trendWeeks/],
    ['an unknown tier', { environments: { 'eu-live': 'prod' } }, /Invalid config[\s\S]*\/environments/],
  ])('%s → ConfigError', async (_, config, message) => {
    const dir = project(config);
    const loading = loadConfig({ cwd: dir, env: {} });
    await expect(loading).rejects.toThrow(ConfigError);
    await expect(loading).rejects.toThrow(message);
  });
});
