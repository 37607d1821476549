/**
 * Every package in package.json is used, the half of the dependency check dependency-cruiser cannot do (its rules
 * in .dependency-cruiser.cjs see imports, not the packages nothing imports): a runtime dependency is imported by
 * src/ or the Astro config, a devDependency by anything in the repository (editors/ too), or it is a tool listed below.
 *
 * In: `"unist-util-visit": "^5.2.0"` in dependencies, imported nowhere → the test fails naming it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cruise, type IModule } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** devDependencies used other than by an import, and where. */
const tools: Record<string, string> = {
  node: 'the Node every npm script runs (engines: node >= 22.18)',
  typescript: 'tsc --noEmit in npm test',
  'dependency-cruiser': 'depcruise in npm test',
  '@types/node': 'tsconfig.json compilerOptions.types',
  'markdownlint-cli2': "npm run bench runs its binary against the check's",
};

/** The package a bare import names: `@scope/name/sub` → `@scope/name`; a types-only package (`mdast`) as its `@types/`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

async function importedPackages(paths: string[]): Promise<Set<string>> {
  const result = await cruise(paths, {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^test/fixtures/' },
    tsPreCompilationDeps: true,
    validate: false,
  });
  const { modules } = result.output as { modules: IModule[] };
  const used = new Set<string>();
  for (const module of modules) {
    for (const dependency of module.dependencies) {
      if (dependency.coreModule || /^[./]/.test(dependency.module)) continue;
      const name = packageOf(dependency.module.replace(/^node:/, ''));
      used.add(name);
      used.add(`@types/${name.replace(/^@(.*)\//, '$1__')}`);
    }
  }
  return used;
}

describe('package.json', () => {
  it('lists no dependency that nothing uses', async () => {
    const runtime = await importedPackages(['src', 'astro.config.mjs']);
    const anywhere = await importedPackages(['src', 'scripts', 'test', 'editors', 'astro.config.mjs', 'vitest.config.ts']);
    expect(Object.keys(pkg.dependencies).filter((name) => !runtime.has(name))).toEqual([]);
    expect(Object.keys(pkg.devDependencies).filter((name) => !anywhere.has(name) && !(name in tools))).toEqual([]);
  }, 60_000);
});
