/**
 * `shipshape mv <from> <to>`: moves or renames a doc, an attachment or a folder, or renames a heading
 * (`"note.md#Old heading" "New heading"`), and rewrites every link in the vault that reached it
 * (`src/links/plan-move.ts`), all or nothing (`src/vault/move-files.ts`). `--dry-run` prints the plan and a diff.
 * Exit codes: 0 moved (or planned), 2 nothing changed: a usage error, or a refusal (source missing or outside the
 * vault, target exists, a file modified meanwhile).
 *
 * In: `['ops/deploy.md', 'runbooks/']` → stdout `Moved ops/deploy.md → runbooks/deploy.md (git mv)\nRewrote 12 links in 9 files\n`
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { planBaselineMove } from '../baseline/move-baseline.ts';
import { findAnchor } from '../links/anchors.ts';
import { newHeadingText, planMove, refuseMove, StaleFileError, type FileMove, type HeadingRename } from '../links/plan-move.ts';
import { cacheDirOf } from '../pipeline/cache.ts';
import { analyzeVault } from '../pipeline/check-vault.ts';
import { loadConfig } from '../vault/config.ts';
import { decodeForRewrite } from '../vault/decode.ts';
import { applyMove, MoveRefusedError, type PathMove } from '../vault/move-files.ts';
import { fileName, foldName, vaultPathOf } from '../vault/vault-path.ts';
import { parseCommand, parseStrict, UsageError, vaultOptions } from './args.ts';

const mvUsage = `Usage: shipshape mv <from> <to> [options]
       shipshape mv "<doc>#<heading>" "<new heading>" [options]

Moves or renames a doc, an attachment or a folder (with everything in it), and rewrites every link that reached
it, across the vault: wikilinks, embeds, Markdown links (relative ones recomputed, also those in the moved docs),
link reference definitions, frontmatter file fields and "[[wikilinks]]" in properties. Display text and aliases are
kept; a short [[name]] stays short while it is unique, else it gets the shortest path that is. Links in code and
in %% comments %% are not links and are left alone, as the check leaves them. With <doc>#<heading>, renames the
heading and rewrites the anchors that name it. <to> may be a folder (existing, or ending in /); a doc's new name
gets .md if it has none. Paths are taken from the working directory, else from the vault.
Inside a git work tree, tracked files move with git mv, so history follows. All or nothing: nothing is written
unless every file is ready, and a file edited meanwhile stops the move.

Options:
  --dry-run         print the plan and a diff, change nothing
  --content DIR     the vault (default: SHIPSHAPE_CONTENT, else config "content", else content/)
  --config FILE     config file (default: shipshape.config.json or shipshape.config.ts in the working directory)
  -h, --help        this help

Exit codes: 0 moved (or, with --dry-run, planned), 2 nothing changed (bad arguments, missing source, existing
target, a source outside the vault, a file modified meanwhile).`;

interface MvOptions {
  from: string;
  to: string;
  content?: string;
  config?: string;
  dryRun: boolean;
  help: boolean;
}

function parseMvArgs(argv: readonly string[]): MvOptions {
  const { values, positionals } = parseStrict(argv, {
    ...vaultOptions,
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (!values.help && positionals.length !== 2) throw new UsageError(`Expected <from> and <to>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`);
  return {
    from: positionals[0] ?? '',
    to: positionals[1] ?? '',
    ...(values.content === undefined ? {} : { content: values.content }),
    ...(values.config === undefined ? {} : { config: values.config }),
    dryRun: values['dry-run']!,
    help: values.help!,
  };
}

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

export async function runMv(argv: readonly string[]): Promise<number> {
  const options = parseCommand('mv', mvUsage, () => parseMvArgs(argv), out, err);
  if (typeof options === 'number') return options;
  try {
    return await move(options);
  } catch (error) {
    if (error instanceof MoveRefusedError || error instanceof StaleFileError) {
      err(`shipshape mv: ${error.message}; nothing was changed\n`);
      return 2;
    }
    throw error;
  }
}

async function move(options: MvOptions): Promise<number> {
  const cwd = process.cwd();
  const config = await loadConfig({ cwd, ...(options.config ? { configFile: options.config } : {}), ...(options.content ? { content: options.content } : {}) });
  const root = config.contentDir;
  // The check's cache (as the site and checklist share it): a warm cache means only changed files are parsed. Facts
  // alone parse fast enough (no rules) that starting workers costs more: inline, 3,000 docs cold take 2.6 s, not 3.7.
  const cacheDir = cacheDirOf(config);
  const analysis = await analyzeVault({ config, factsOnly: true, cacheDir, workers: 1 });
  const docs = new Set(analysis.facts.map((doc) => doc.path));
  const known = [...docs, ...analysis.attachments];

  const hash = headingArgument(options.from, cwd, root, known);
  let request: { moves: PathMove[]; files: FileMove[]; folder?: FileMove; heading?: HeadingRename };
  if (hash) {
    const doc = analysis.facts.find((d) => d.path === hash.path)!;
    const found = findAnchor(doc, hash.anchor);
    if (!found.found || found.heading === undefined) {
      const hint = found.suggestions.length > 0 ? ` (did you mean ${found.suggestions.map((s) => `"${s}"`).join(', ')}?)` : '';
      throw new MoveRefusedError(`${hash.path} has no heading "${hash.anchor}"${hint}`);
    }
    request = { moves: [], files: [], heading: { path: hash.path, heading: found.heading, text: newHeadingText(doc, found.heading, options.to) } };
  } else {
    const from = locate(options.from, cwd, root, known);
    const to = destination(from, options.to, cwd, root, docs.has(from.path));
    const under = (path: string) => path === from.path || path.startsWith(`${from.path}/`);
    const files = from.folder
      ? known.filter(under).map((path) => ({ from: path, to: to + path.slice(from.path.length) }))
      : [{ from: from.path, to }];
    refuseMove(known, { from: from.path, to }, files);
    request = { moves: [{ from: from.path, to }], files, ...(from.folder ? { folder: { from: from.path, to } } : {}) };
  }

  const originals = new Map<string, Uint8Array>();
  const plan = planMove({
    facts: analysis.facts,
    attachments: analysis.attachments,
    config,
    moves: request.files,
    ...(request.folder ? { folder: request.folder } : {}),
    ...(request.heading ? { heading: request.heading } : {}),
    read: (path) => {
      const bytes = readFileSync(join(root, path));
      originals.set(path, bytes);
      const text = decodeForRewrite(bytes);
      if (text === undefined) throw new MoveRefusedError(`${path} is not valid UTF-8: rewriting its links would change other bytes`);
      return text;
    },
  });
  const links = plan.files.reduce((sum, file) => sum + file.links, 0);
  const linking = plan.files.filter((file) => file.links > 0).length;
  const summary = `${links} link${links === 1 ? '' : 's'} in ${linking} file${linking === 1 ? '' : 's'}`;
  const moved = request.heading
    ? `heading "${analysis.facts.find((d) => d.path === request.heading!.path)!.headings[request.heading.heading]!.text}" → "${request.heading.text}" in ${request.heading.path}`
    : `${request.moves[0]!.from} → ${request.moves[0]!.to}${request.files.length > 1 ? ` (${request.files.length} files)` : ''}`;

  // Known problems of the moved files stay known: their baseline entries move with them, in the same batch.
  const baseline = request.moves.length > 0 ? await planBaselineMove(config.baseline, request.moves, plan.rewrites) : undefined;
  const baselineLine = baseline ? `${baseline.moved} baseline entr${baseline.moved === 1 ? 'y' : 'ies'} moved along in ${relative(cwd, baseline.path).split(sep).join('/')}\n` : '';

  if (options.dryRun) {
    const diffs = plan.files.map((file) => createTwoFilesPatch(`a/${file.path}`, `b/${file.to}`, file.before, file.after, undefined, undefined, { context: 1 }));
    const perFile = plan.files.map((file) => {
      const what = [file.path === request.heading?.path ? 'the heading' : '', file.links > 0 ? `${file.links} link${file.links === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
      return `  ${file.path}${file.to === file.path ? '' : ` → ${file.to}`}: ${what}\n`;
    });
    out(`Would ${request.heading ? 'rename' : 'move'} ${moved}\nWould rewrite ${summary}\n${perFile.join('')}${baseline ? `Would have ${baselineLine}` : ''}${diffs.join('')}`);
    return 0;
  }
  const transaction = {
    root,
    moves: request.moves,
    writes: [
      ...plan.files.map((file) => ({ path: file.path, to: file.to, text: file.after, original: originals.get(file.path)! })),
      ...(baseline ? [{ path: baseline.path, to: baseline.path, text: baseline.text, original: baseline.original }] : []),
    ],
  };
  let outcome: Awaited<ReturnType<typeof applyMove>>;
  try {
    outcome = await applyMove(transaction);
  } catch (error) {
    if (error instanceof MoveRefusedError) throw error;
    // A file system or git failure half-way (a full disk, a locked git index): applyMove has undone its steps.
    const stderr = (error as { stderr?: unknown }).stderr;
    const why = (typeof stderr === 'string' && stderr.trim().split('\n')[0]) || (error as Error).message.trim();
    err(`shipshape mv: the move failed and was undone: ${why}\n`);
    return 2;
  }
  out(`${request.heading ? 'Renamed' : 'Moved'} ${moved}${outcome.gitMoves > 0 ? ' (git mv)' : ''}\nRewrote ${summary}\n${baselineLine}`);
  return 0;
}

interface Located {
  path: string;
  folder: boolean;
  /** The argument was found from the working directory (not from the vault): `<to>` is read the same way. */
  fromCwd: boolean;
}

/** A path argument → its vault path, as the scan spells it (a name typed composed finds a file saved decomposed). */
function locate(argument: string, cwd: string, root: string, known: readonly string[]): Located {
  for (const [base, fromCwd] of [[cwd, true], [root, false]] as const) {
    const vaultPath = vaultPathOf(root, resolve(base, argument));
    if (vaultPath === undefined) continue;
    const exact = known.find((path) => path === vaultPath) ?? known.find((path) => path.normalize('NFC') === vaultPath.normalize('NFC'));
    if (exact) return { path: exact, folder: false, fromCwd };
    const absolute = join(root, vaultPath);
    if (vaultPath !== '' && existsSync(absolute)) return { path: vaultPath, folder: statSync(absolute).isDirectory(), fromCwd };
  }
  const outside = vaultPathOf(root, resolve(cwd, argument)) === undefined && existsSync(resolve(cwd, argument));
  throw new MoveRefusedError(outside ? `${argument} is not inside the vault ${root}` : `${argument} does not exist (in the working directory or the vault)`);
}

/** `<to>` → the vault path the source takes: into a folder when it names one, `.md` added to a doc's new name. */
function destination(from: Located, argument: string, cwd: string, root: string, isDoc: boolean): string {
  const base = from.fromCwd ? cwd : root;
  let to = vaultPathOf(root, resolve(base, argument));
  if (to === undefined) throw new MoveRefusedError(`${argument} is not inside the vault ${root}`);
  const intoFolder = /[/\\]$/.test(argument) || to === '' || (existsSync(join(root, to)) && statSync(join(root, to)).isDirectory() && foldName(to) !== foldName(from.path));
  if (intoFolder) to = to === '' ? fileName(from.path) : `${to}/${fileName(from.path)}`;
  if (isDoc && !/\.md$/i.test(to)) to += '.md';
  return to;
}

/** `note.md#Heading` naming a doc of the vault → the doc and the anchor; undefined for any other argument. */
function headingArgument(argument: string, cwd: string, root: string, known: readonly string[]): { path: string; anchor: string } | undefined {
  const hash = argument.indexOf('#');
  if (hash <= 0) return undefined;
  const whole = [resolve(cwd, argument), resolve(root, argument)];
  if (whole.some((path) => existsSync(path))) return undefined;
  let located: Located;
  try {
    located = locate(argument.slice(0, hash), cwd, root, known);
  } catch {
    return undefined;
  }
  if (located.folder || !/\.md$/i.test(located.path)) return undefined;
  return { path: located.path, anchor: argument.slice(hash + 1) };
}
