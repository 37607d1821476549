/**
 * The npm package end to end, as a user gets it: `npm pack` (prepack builds lib/), the tarball's file list, then
 * `npm install <tarball>` into a fresh folder holding only a package.json and a small vault, and every command a
 * user runs there through `npx shipshape`: check (exit codes, JSON), build (pages, search index, attachment),
 * metrics and checklist on the vault's run data; the public API and the schemas through the package's exports. And
 * the integration the way an Astro user adds it: a team's own Astro project with a page of its own, a replaced
 * component and a stylesheet, built by `astro build`. No run may print an experimental-feature warning. Slow (npm installs Astro and its kin): minutes, not seconds.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTemp, removeTemp, repoRoot, writeFiles } from '../cli/run-cli.ts';

interface Run {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** npm's and Shipshape's environment: this Node (22) first on PATH, none of the test runner's npm or Shipshape settings. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|SHIPSHAPE_|NODE_OPTIONS$|FORCE_COLOR$|VITEST)/i.test(key)) env[key] = value;
  }
  env.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
  return env;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

const minutes = 60_000;
const sha = { staging: '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', production: '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' };

/** One 1×1 PNG, the attachment the rollback runbook embeds. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const runs = [
  { id: 'api-1', service: 'api', environment: 'staging', status: 'success', sha: sha.production, startedAt: '2026-11-02T09:00:00Z', finishedAt: '2026-11-02T09:10:00Z', checks: [{ id: 'integration-tests', name: 'Integration tests', status: 'success' }] },
  { id: 'api-2', service: 'api', environment: 'production', status: 'success', sha: sha.production, startedAt: '2026-11-03T09:00:00Z', finishedAt: '2026-11-03T09:10:00Z', commits: [{ sha: sha.production, timestamp: '2026-11-02T08:00:00Z' }] },
  { id: 'api-3', service: 'api', environment: 'staging', status: 'success', sha: sha.staging, startedAt: '2026-11-10T09:00:00Z', finishedAt: '2026-11-10T09:10:00Z', checks: [{ id: 'integration-tests', name: 'Integration tests', status: 'success' }] },
];

/** The user's repository: a package.json and a vault, nothing else. */
const project: Record<string, string | Uint8Array> = {
  'package.json': JSON.stringify({ name: 'ops-vault', private: true, type: 'module' }, null, 2),
  'content/index.md': '---\ntitle: Operations\n---\n\n# Operations\n\nStart with the [[rollback]] runbook, then [[release|the release checklist]].\n',
  'content/runbooks/rollback.md': '---\ntitle: Rollback\ntags: [ops]\n---\n\n# Rollback\n\nRoll the API back to its previous version.\n\n![[flow.png]]\n',
  'content/img/flow.png': png,
  'content/runbooks/release.md': [
    '---',
    'title: Release',
    '---',
    '',
    '# Release',
    '',
    '```checklist',
    'id: api-release',
    'title: API release',
    'appliesTo: { services: [api], environments: [production] }',
    'items:',
    '  - id: tests',
    '    text: Integration tests passed',
    '    phase: pre-deploy',
    '    evidence: { check: integration-tests }',
    '  - id: staging',
    '    text: Deployed to staging first',
    '    phase: pre-deploy',
    '    evidence: { deployed-before: { environment: staging, minAge: 1h } }',
    '```',
    '',
  ].join('\n'),
  'content/services/api.md': '---\ntitle: api\ntype: service\nowner: platform-team\nrepo: https://git.example.com/api\n---\n\n# api\n\nReleased with [[release]].\n',
  'content/environments/staging.md': '---\ntitle: staging\ntype: environment\ntier: staging\n---\n\n# Staging\n',
  'content/environments/production.md': '---\ntitle: production\ntype: environment\ntier: production\napprovers: [platform-team]\n---\n\n# Production\n',
  'content/runs/api.ndjson': runs.map((record) => JSON.stringify(record)).join('\n') + '\n',
  'content/drafts/plan.md': '---\ntitle: Plan\npublish: false\n---\n\n# Plan\n',
  // The repository's code and its public folder: not the site's, and never published.
  'src/pages/index.astro': '<h1>not a doc</h1>\n',
  'public/secret.txt': 'not for publishing\n',
};

/** A team's own Astro site, which adds Shipshape's pages with its integration, replaces a component and restyles. */
const astroProject: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'team-site', private: true, type: 'module' }, null, 2),
  'astro.config.mjs': [
    "import { defineConfig } from 'astro/config';",
    "import shipshape from 'shipshape/astro';",
    '',
    'export default defineConfig({',
    '  integrations: [',
    '    shipshape({',
    "      content: 'docs',",
    "      site: { title: 'Team KB', css: ['./src/theme.css'], components: { Footer: './src/components/TeamFooter.astro', DocPage: './src/components/DocPage.astro' } },",
    '    }),',
    '  ],',
    '});',
    '',
  ].join('\n'),
  'src/pages/index.astro': '<html><body><h1>Team landing</h1><a href="/deploy/">Deploying</a></body></html>\n',
  'src/pages/about.astro': '---\nconst team = "Platform";\n---\n<html><body><h1>About the {team} team</h1></body></html>\n',
  'src/components/TeamFooter.astro': '---\nconst { docs } = Astro.props;\n---\n<footer class="team-footer">Platform team · {docs} docs</footer>\n',
  'src/components/DocPage.astro': [
    '---',
    "import Doc from 'shipshape/components/Doc.astro';",
    'const { page } = Astro.props;',
    '---',
    '<p class="banner">Internal: {page.title}</p>',
    '<Doc page={page} />',
    '',
  ].join('\n'),
  'src/theme.css': ':root { --accent: #7c3aed; }\n',
  'docs/index.md': '---\ntitle: Team docs\n---\n\n# Team docs\n\nSee [[deploy]].\n',
  'docs/deploy.md': '---\ntitle: Deploy\ntags: [ops]\n---\n\n# Deploy\n\nBack to [[index]].\n',
};

let packDir: string | undefined;
let cwd: string;
let site: string | undefined;
let tarball: string;
let entries: string[];

/** `npx shipshape …` in the user's repository; no run prints an experimental warning. */
async function shipshape(...args: string[]): Promise<Run> {
  const result = await run('npx', ['--no-install', 'shipshape', ...args], cwd);
  expect(result.stderr).not.toMatch(/experimental/i);
  return result;
}

beforeAll(async () => {
  packDir = makeTemp('shipshape-pack-');
  const packed = await run('npm', ['pack', '--pack-destination', packDir], repoRoot);
  expect(packed.exitCode, packed.stderr).toBe(0);
  tarball = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.tgz'))!);
  const listed = await run('tar', ['-tzf', tarball], packDir);
  entries = listed.stdout.split('\n').filter(Boolean).map((entry) => entry.replace(/^package\//, ''));

  cwd = makeTemp('shipshape-user-');
  writeFiles(cwd, project);
  const installed = await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], cwd);
  expect(installed.exitCode, installed.stderr).toBe(0);

  site = makeTemp('shipshape-astro-site-');
  writeFiles(site, astroProject);
  const siteInstalled = await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], site);
  expect(siteInstalled.exitCode, siteInstalled.stderr).toBe(0);
}, 20 * minutes);

afterAll(() => {
  // Any is unset when beforeAll failed before making it.
  for (const dir of [packDir, cwd, site]) if (dir) removeTemp(dir);
});

describe('the tarball', () => {
  it('holds what a user runs: compiled JavaScript, declarations, schemas, the Astro routes and components', () => {
    expect(entries).toEqual(expect.arrayContaining(['package.json', 'README.md', 'lib/index.js', 'lib/index.d.ts', 'lib/cli/bin.mjs', 'lib/astro/integration.js', 'lib/astro/integration.d.ts', 'schemas/config.schema.json']));
    expect(entries.some((entry) => /^lib\/(routes|pages)\/.+\.astro$/.test(entry))).toBe(true);
    expect(entries.some((entry) => /^lib\/components\/.+\.astro$/.test(entry))).toBe(true);
  });

  it('holds no tests, fixtures, scripts, sample content or TypeScript sources', () => {
    expect(entries.filter((entry) => /^(test|scripts|content|docs|src)\//.test(entry))).toEqual([]);
    expect(entries.filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.d.ts'))).toEqual([]);
    expect(entries, 'the type-stripping hook is for the sources only').not.toContain('lib/cli/strip-types.mjs');
    // Nothing in lib names a TypeScript module: an installed package has none to load.
    const copied = entries.filter((entry) => /\.(astro|mjs)$/.test(entry));
    for (const entry of copied) expect(readFileSync(join(cwd, 'node_modules/shipshape', entry), 'utf8'), entry).not.toMatch(/['"]\.{1,2}\/[^'"\n]*(?<!\.d)\.ts['"]/);
  });
});

describe('npx shipshape, installed from the tarball', () => {
  it('--help lists the commands', async () => {
    const { exitCode, stdout } = await shipshape('--help');
    expect(exitCode).toBe(0);
    for (const command of ['check', 'build', 'metrics', 'checklist']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('check: 0 on the clean vault, 1 and a JSON diagnostic for a broken link, 2 for a bad flag', async () => {
    const clean = await shipshape('check');
    expect(clean, clean.stdout).toMatchObject({ exitCode: 0, stderr: '' });

    const broken = join(cwd, 'content/broken.md');
    writeFileSync(broken, '---\ntitle: Broken\n---\n\n# Broken\n\nSee [[Rolback]].\n');
    try {
      const failed = await shipshape('check', '--format', 'json');
      expect(failed.exitCode).toBe(1);
      const output = JSON.parse(failed.stdout) as { diagnostics: unknown[]; summary: unknown };
      expect(output.diagnostics).toEqual([expect.objectContaining({ rule: 'broken-link', severity: 'error', file: 'broken.md', line: 7, column: 5 })]);
      expect(output.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
    } finally {
      rmSync(broken);
    }

    const badFlag = await shipshape('check', '--no-such-flag');
    expect(badFlag.exitCode).toBe(2);
    expect(badFlag.stderr).toMatch(/--no-such-flag/);
  }, 2 * minutes);

  it('check: a vault big enough for worker threads where there are 2 cores (lib/pipeline/worker.js, named by a URL, not an import)', async () => {
    const docs = 140;
    writeFiles(cwd, Object.fromEntries(Array.from({ length: docs }, (_, i) => [`many/doc-${i}.md`, `---\ntitle: Doc ${i}\n---\n\n# Doc ${i}\n\nSee [[doc-${(i + 1) % docs}]]${i === 7 ? ' and [[nowhere]]' : ''}.\n`])));
    const { exitCode, stdout } = await shipshape('check', '--content', 'many', '--no-cache', '--format', 'json');
    expect(exitCode).toBe(1);
    const output = JSON.parse(stdout) as { files: number; diagnostics: unknown[] };
    expect(output.files).toBe(docs);
    expect(output.diagnostics).toEqual([expect.objectContaining({ rule: 'broken-link', file: 'doc-7.md', line: 7, column: 19 })]);
  }, 2 * minutes);

  it('build: the doc pages, the search index and the embedded attachment in dist/', async () => {
    const built = await shipshape('build');
    expect(built.exitCode, `${built.stdout}\n${built.stderr}`).toBe(0);
    const dist = join(cwd, 'dist');
    for (const page of ['index.html', 'runbooks/rollback/index.html', 'runbooks/release/index.html', 'services/api/index.html', 'pagefind/pagefind.js', 'img/flow.png']) {
      expect(existsSync(join(dist, page)), page).toBe(true);
    }
    expect(readFileSync(join(dist, 'runbooks/rollback/index.html'), 'utf8')).toMatch(/<img[^>]+flow\.png/);
    // The repository's src/pages and public/ are its own, not the site's.
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).not.toContain('not a doc');
    expect(existsSync(join(dist, 'secret.txt'))).toBe(false);
    expect(existsSync(join(dist, 'drafts/plan/index.html'))).toBe(false);
    // Astro's cache is Shipshape's, under node_modules, and no .astro/ is left in a repository that is no Astro project.
    expect(existsSync(join(cwd, 'node_modules/.cache/shipshape'))).toBe(true);
    expect(existsSync(join(cwd, '.astro'))).toBe(false);
  }, 10 * minutes);

  it('build: --content and --out-dir against the working directory; --verbose lists what was left out', async () => {
    const built = await shipshape('build', '--content', 'content', '--out-dir', 'public-site', '--verbose');
    expect(built.exitCode, built.stderr).toBe(0);
    expect(existsSync(join(cwd, 'public-site/runbooks/rollback/index.html'))).toBe(true);
    expect(`${built.stdout}${built.stderr}`).toMatch(/left out .*drafts\/plan\.md/);
  }, 10 * minutes);

  it("build: exit 1 on the vault's errors, leaving no site", async () => {
    const broken = join(cwd, 'content/broken.md');
    writeFileSync(broken, '# Broken\n\n[[nowhere]]\n');
    try {
      const failed = await shipshape('build', '--out-dir', 'failed-site');
      expect(failed.exitCode).toBe(1);
      expect(failed.stderr).toMatch(/broken-link/);
      expect(existsSync(join(cwd, 'failed-site'))).toBe(false);
    } finally {
      rmSync(broken);
    }
  }, 10 * minutes);

  it('metrics: DORA metrics from the run data', async () => {
    const { exitCode, stdout } = await shipshape('metrics', '--to', '2026-11-20', '--format', 'json');
    expect(exitCode).toBe(0);
    expect((JSON.parse(stdout) as { services: unknown[] }).services).toEqual([expect.objectContaining({ service: 'api', deployments: 1, leadTimeHours: 25.17 })]);
  }, 2 * minutes);

  it('checklist: go for a build that passed its tests and soaked in staging', async () => {
    const { exitCode, stdout } = await shipshape('checklist', 'api-release', '--service', 'api', '--environment', 'production', '--sha', sha.staging.slice(0, 7), '--at', '2026-11-20T00:00:00Z', '--format', 'json');
    expect(exitCode).toBe(0);
    const verdict = JSON.parse(stdout) as { verdict: string; items: Array<{ id: string; status: string }> };
    expect(verdict.verdict).toBe('go');
    expect(verdict.items.map((item) => [item.id, item.status])).toEqual([['tests', 'satisfied'], ['staging', 'satisfied']]);
  }, 2 * minutes);
});

describe('the package exports', () => {
  it("'shipshape' is the engine's API, 'shipshape/astro' the integration, 'shipshape/schemas/*.json' the schemas", async () => {
    const script = [
      "const api = await import('shipshape');",
      "const { default: integration } = await import('shipshape/astro');",
      'const result = await api.checkVault({ cacheDir: false });',
      "const schema = import.meta.resolve('shipshape/schemas/config.schema.json');",
      'console.log(JSON.stringify({ api: Object.keys(api).sort(), integration: typeof integration, files: result.files, schema }));',
    ].join('\n');
    const { exitCode, stdout, stderr } = await run('node', ['--input-type=module', '-e', script], cwd);
    expect(exitCode, stderr).toBe(0);
    expect(stderr).not.toMatch(/experimental/i);
    const seen = JSON.parse(stdout) as { api: string[]; integration: string; files: number; schema: string };
    expect(seen.api).toEqual(['ConfigError', 'checkVault', 'loadSiteModel', 'summarize']);
    expect(seen.integration).toBe('function');
    expect(seen.files).toBe(Object.keys(project).filter((path) => /^content\/.+\.md$/.test(path)).length);
    expect(seen.schema).toBe(`file://${join(cwd, 'node_modules/shipshape/schemas/config.schema.json')}`);
  }, 2 * minutes);

  it('type-checks user modules against the declarations', async () => {
    writeFiles(cwd, {
      'use-api.ts': [
        "import { checkVault, loadSiteModel, summarize, type CheckResult, type Diagnostic, type SiteModel } from 'shipshape';",
        "const result: CheckResult = await checkVault({ content: 'content', cacheDir: false });",
        'const first: Diagnostic | undefined = result.diagnostics[0];',
        'const site: SiteModel = (await loadSiteModel()).site;',
        'export const seen: Array<number | undefined> = [first?.line, site.pages.length, summarize(result.diagnostics).errors];',
        '',
      ].join('\n'),
      'use-astro.ts': "import shipshape from 'shipshape/astro';\nexport const name: string = shipshape().name;\n",
    });
    const tsc = [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2024'];
    // The API's declarations on their own, every one read: they need Node's types (the user's @types/node) and no others.
    const node = ['--types', 'node', '--typeRoots', join(repoRoot, 'node_modules/@types')];
    const api = await run(process.execPath, [...tsc, ...node, 'use-api.ts'], cwd);
    expect(api.exitCode, api.stdout).toBe(0);
    // Astro's own declarations name packages it does not install: an Astro project skips checking them (skipLibCheck).
    const astro = await run(process.execPath, [...tsc, ...node, '--skipLibCheck', 'use-astro.ts'], cwd);
    expect(astro.exitCode, astro.stdout).toBe(0);
  }, 2 * minutes);
});

describe("shipshape/astro in a team's own Astro project", () => {
  it("astro build: the project's own pages beside Shipshape's, with the team's footer, doc page and stylesheet", async () => {
    const built = await run('npx', ['--no-install', 'astro', 'build'], site!);
    expect(built.exitCode, `${built.stdout}\n${built.stderr}`).toBe(0);
    expect(built.stderr).not.toMatch(/experimental/i);
    const dist = join(site!, 'dist');
    expect(readFileSync(join(dist, 'about/index.html'), 'utf8')).toContain('About the Platform team');
    // The project's home page is its own: Shipshape adds no second one for Astro to warn about.
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain('Team landing');
    expect(`${built.stdout}${built.stderr}`).not.toMatch(/collision|defined in both/);
    for (const page of ['deploy/index.html', 'tags/ops/index.html', 'health/index.html', '404.html', 'pagefind/pagefind.js']) {
      expect(existsSync(join(dist, page)), page).toBe(true);
    }
    // No run data, no checklists: none of their pages.
    expect(existsSync(join(dist, 'deployments'))).toBe(false);
    expect(existsSync(join(dist, 'checklists'))).toBe(false);
    const deploy = readFileSync(join(dist, 'deploy/index.html'), 'utf8');
    expect(deploy).toMatch(/<footer class="team-footer"[^>]*>Platform team · 2 docs<\/footer>/);
    expect(deploy).toContain('Internal: Deploy');
    expect(deploy).toContain('class="doc-header"');
    expect(deploy).toContain('class="site-header"');
    const css = readdirSync(join(dist, '_astro')).filter((file) => file.endsWith('.css')).map((file) => readFileSync(join(dist, '_astro', file), 'utf8')).join('\n');
    expect(css).toContain('--accent:#7c3aed');
  }, 10 * minutes);

  it("an option the config schema does not know fails the build with the schema's message", async () => {
    const config = join(site!, 'astro.config.mjs');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, good.replace("content: 'docs'", "contnet: 'docs'"));
    try {
      const failed = await run('npx', ['--no-install', 'astro', 'build'], site!);
      expect(failed.exitCode).not.toBe(0);
      expect(`${failed.stdout}${failed.stderr}`).toContain('/contnet: Unexpected key "contnet" (did you mean content?)');
    } finally {
      writeFileSync(config, good);
    }
  }, 10 * minutes);
});
