/**
 * `npm run metrics` end to end in-process: argv → vault → JSON, with the environment tiers read as the site reads
 * them (environment docs, then the config, then the names) and bad flags refused with exit 2.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/cli/metrics.ts';
import type { MetricsReport } from '../../src/runs/metrics.ts';

const run = (id: string, environment: string, day: string) =>
  JSON.stringify({ id, service: 'api', environment, status: 'success', sha: `sha-${id}`, finishedAt: `2026-03-${day}T10:00:00Z` });

function vault(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-metrics-'));
  mkdirSync(join(dir, 'runs'));
  mkdirSync(join(dir, 'environments'));
  writeFileSync(join(dir, 'environments/blue.md'), '---\ntitle: Blue\ntype: environment\ntier: production\naliases: [blue-green]\n---\n\n# Blue\n');
  writeFileSync(join(dir, 'environments/prod.md'), '---\ntitle: prod\ntype: environment\ntier: staging\n---\n\n# prod\n');
  writeFileSync(
    join(dir, 'runs/api.ndjson'),
    [run('r1', 'blue', '02'), run('r2', 'blue-green', '03'), run('r3', 'prod', '04'), run('r4', 'eu-main', '05'), run('r5', 'eu-prod', '06'), run('r6', 'dev', '07')].join('\n'),
  );
  const config = join(dir, 'shipshape.config.json');
  writeFileSync(config, JSON.stringify({ content: '.', environments: { 'EU-Main': 'production' } }));
  return { dir, config };
}

async function metrics(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runMetrics(argv, (text) => void (out += text), (text) => void (err += text));
  return { code, out, err };
}

describe('npm run metrics', () => {
  it('counts deployments to environments the docs, the config or the name call production', async () => {
    const { dir, config } = vault();
    const { code, out } = await metrics(['--config', config, '--content', dir, '--from', '2026-03-01', '--to', '2026-03-08', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as MetricsReport;
    // blue (doc), blue-green (the doc's alias), eu-main (config), eu-prod (name); not prod (its doc says staging) nor dev.
    expect(report.services.map((s) => [s.service, s.deployments])).toEqual([['api', 4]]);
  });

  it('labels each service with its levels when the config names a benchmark, and only then', async () => {
    const { dir, config: plainConfig } = vault();
    const config = join(dir, 'benchmark.config.json');
    writeFileSync(config, JSON.stringify({ content: '.', dashboards: { benchmark: 'dora-2024' } }));
    const labelled = await metrics(['--config', config, '--content', dir, '--from', '2026-03-01', '--to', '2026-03-08']);
    // Without the config's environments, eu-main is not production: 3 deployments in 7 days, 0.43 a day.
    expect(labelled.out).toContain('Levels (DORA, Accelerate State of DevOps Report 2024):\n  api: deployment frequency High, change fail rate Elite\n');
    const plain = await metrics(['--config', plainConfig, '--content', dir, '--from', '2026-03-01', '--to', '2026-03-08']);
    expect(plain.out).not.toContain('Levels');
  });

  it('exits 2 with the reason when the vault cannot be read (runs/ is a file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-metrics-'));
    writeFileSync(join(dir, 'runs'), 'not a folder');
    const { code, err } = await metrics(['--content', dir]);
    expect(code).toBe(2);
    expect(err).toMatch(/^shipshape metrics: cannot read the vault: ENOTDIR/);
  });

  it('refuses an unknown flag with exit 2 and the usage', async () => {
    const { code, err } = await metrics(['--frmo', '2026-01-01']);
    expect(code).toBe(2);
    expect(err).toContain('Usage: shipshape metrics');
  });
});
