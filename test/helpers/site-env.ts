/**
 * The environment for a child process that builds or serves the site, without the test runner's own variables:
 * vitest sets NODE_ENV=test, VITEST_*, and Vite's `import.meta.env` names (MODE, DEV=1, PROD, SSR, BASE_URL, TEST)
 * in `process.env`, and Astro reads them: a build run under them rendered the dev-only diagnostics panel into pages.
 *
 * In: `siteEnv({ SHIPSHAPE_CONTENT: 'test/fixtures/site-vault' })` → `{ PATH: …, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', SHIPSHAPE_CONTENT: … }`
 */
const runnerKeys = new Set(['NODE_ENV', 'TEST', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);

export function siteEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !runnerKeys.has(key) && !key.startsWith('VITEST'));
  return { ...Object.fromEntries(inherited), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...extra };
}
