/**
 * The command table: a command is one module plus one line here. Modules load when their command runs, so `check`
 * never loads Astro and `build` never loads the formatters it does not use.
 *
 * In: `commands.find((c) => c.name === 'metrics')!.run(['--format', 'json'])` → 0
 */
export interface Command {
  name: string;
  /** One line for `shipshape --help`. */
  summary: string;
  /** argv after the command's name → exit code (0/1/2); `--help` prints the command's options. */
  run: (argv: readonly string[]) => Promise<number>;
}

export const commands: readonly Command[] = [
  { name: 'check', summary: 'check the vault: links, frontmatter, diagrams, templates (the default command)', run: async (argv) => (await import('./check.ts')).runCheck(argv) },
  { name: 'init', summary: 'write a starting shipshape.config.json for an existing vault', run: async (argv) => (await import('./init.ts')).runInit(argv) },
  { name: 'new', summary: 'create a doc from the vault\'s template for a type, then check it', run: async (argv) => (await import('./new.ts')).runNew(argv) },
  { name: 'mv', summary: 'move or rename a doc, folder, attachment or heading, rewriting every link to it', run: async (argv) => (await import('./mv.ts')).runMv(argv) },
  { name: 'import', summary: 'append run data exported from a CI/CD system to the vault\'s runs/', run: async (argv) => (await import('./import.ts')).runImport(argv) },
  { name: 'metrics', summary: 'DORA metrics per service from the vault\'s run data', run: async (argv) => (await import('./metrics.ts')).runMetrics(argv) },
  { name: 'checklist', summary: 'go/no-go: a deployment checklist against the run data, for CI', run: async (argv) => (await import('./checklist.ts')).runChecklist(argv) },
  { name: 'lsp', summary: 'language server for editors: the check\'s diagnostics as you type (--stdio)', run: async (argv) => (await import('./lsp.ts')).runLsp(argv) },
  { name: 'build', summary: 'build the vault into a static site in dist/', run: async (argv) => (await import('./site.ts')).runSite('build', argv) },
  { name: 'dev', summary: 'serve the site while you write, diagnostics on each page', run: async (argv) => (await import('./site.ts')).runSite('dev', argv) },
  { name: 'preview', summary: 'serve the built site in dist/', run: async (argv) => (await import('./site.ts')).runSite('preview', argv) },
];
