/**
 * The layering of `src/`, written down and checked: `npm test` runs `depcruise src` with these rules. A module may
 * import its own layer and the layers below it, never one above (types included):
 *
 *   diagnostics ← schemas (messages, YAML positions, generated types) ← vault ← baseline ← markdown
 *     ← links, publish, templater, runs, queries (Bases and Dataview), schemas/registry, rules/rule ← dashboards ← checklists ← blocks
 *     ← rules, render ← pipeline ← site ← astro, cli, lsp (the language server), client (and the .astro routes,
 *     components, layouts), index.ts (the package's public API)
 *
 * The schema helpers sit low because the config loader and the parse read with them; `schemas/registry.ts`, which
 * compiles the schemas a config names, sits above the config; `rules/rule.ts`, the contract a rule is written to,
 * sits below what declares rules (`blocks`). `render` sits beside `rules`: both read one doc's tree, and the
 * pipeline runs both. `runs`, `dashboards` and `checklists` are the run-data domain, which the parse (`markdown`)
 * never imports. Besides: no cycles, no orphans, `src/` never imports `test/` or the dev tools in the top-level
 * `scripts/`, Astro only in the Astro layer, every package declared in package.json (and every one used:
 * test/dependencies.test.ts).
 */

/** Layers, lowest first: a name and the paths under src/ it holds (regular expressions). */
const layers = [
  ['diagnostics', ['diagnostics/']],
  ['schema helpers', ['schemas/(?!registry[.]ts$)']],
  ['vault', ['vault/']],
  ['baseline', ['baseline/']],
  ['markdown', ['markdown/']],
  ['links, publish, templater, runs, queries, schemas/registry, rules/rule', ['links/', 'publish/', 'templater/', 'runs/', 'queries/', 'schemas/registry[.]ts$', 'rules/rule[.]ts$']],
  ['dashboards', ['dashboards/']],
  ['checklists', ['checklists/']],
  ['blocks', ['blocks/']],
  ['rules, render', ['rules/(?!rule[.]ts$)', 'render/']],
  ['pipeline', ['pipeline/']],
  ['site', ['site/']],
  ['astro, cli, lsp, client, routes, components, layouts, the public API', ['astro/', 'cli/', 'lsp/', 'client/', 'components/', 'layouts/', 'routes/', 'index[.]ts$']],
];

const inLayers = (paths) => `^src/(${paths.join('|')})`;

/** One rule per layer: nothing in it imports a layer above. */
const upwardRules = layers.slice(0, -1).map(([layer, paths], i) => ({
  name: `layer-${layer.replace(/\W+/g, '-')}`,
  comment: `${layer} may not import ${layers.slice(i + 1).map(([l]) => l).join(' / ')}: see the layering in .dependency-cruiser.cjs`,
  severity: 'error',
  from: { path: inLayers(paths) },
  to: { path: inLayers(layers.slice(i + 1).flatMap(([, p]) => p)) },
}));

module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: move what both need into a lower module',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points and modules only .astro files import aside)',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          '[.]d[.]ts$',
          // Entry points: the bins, the public API (package.json exports), the Astro integration (astro.config.mjs),
          // worker threads (new Worker(url)).
          '^src/cli/[^/]+[.]mjs$',
          '^src/index[.]ts$',
          '^src/astro/integration[.]ts$',
          '^src/(pipeline|runs)/[^/]*worker[.]ts$',
          // Imported by .astro files only, which dependency-cruiser does not read.
          '^src/client/',
          // Generated from schemas/*.json, one file a schema, whether or not code uses it yet.
          '^src/schemas/generated/',
        ],
      },
      to: {},
    },
    {
      name: 'not-to-test',
      comment: 'src/ never imports the tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-dev-tools',
      comment: 'src/ never imports the dev tools in the top-level scripts/ (benchmarks, generators, importers)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'astro-only-in-the-astro-layer',
      comment: 'Engine code never imports Astro (STYLE.md 9): only src/astro and the routes, components and layouts do',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(astro|routes|components|layouts)/' },
      to: { path: 'node_modules/astro/' },
    },
    {
      name: 'language-server-only-in-the-lsp-layer',
      comment: 'The LSP library is the language server\'s business: only src/lsp imports vscode-languageserver',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/lsp/' },
      to: { path: 'node_modules/vscode-languageserver' },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'src/ runs in production: it imports dependencies, never devDependencies (types aside)',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        dependencyTypes: ['npm-dev'],
        dependencyTypesNot: ['type-only'],
        pathNot: ['node_modules/@types/'],
      },
    },
    {
      name: 'no-non-package-json',
      comment: 'Every package imported is declared in package.json, not reached through another one',
      severity: 'error',
      from: {},
      to: {
        dependencyTypes: ['npm-no-pkg', 'npm-unknown'],
        pathNot: [
          // Mermaid's own copy, patched in place before mermaid loads (blocks/mermaid.ts): it must be that one.
          'node_modules/dompurify/',
          // The types of the Vite inside Astro, for the dev server hook.
          'node_modules/vite/',
        ],
      },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages as Node resolves an ES module (mermaid exports `import` only).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default', 'types'] },
  },
};
