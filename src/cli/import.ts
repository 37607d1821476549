/**
 * `shipshape import <source> <file>`: a CI system's JSON → Runs → `<vault>/runs/<service>.ndjson`,
 * idempotently. Exit 0 once imported (conflicts are warnings), 2 when nothing could be imported (bad flag,
 * unreadable or malformed input, missing `--environment`).
 *
 * In: `['github-actions', 'runs.json', '--environment', 'production']`
 *   → stdout `added 3, unchanged 0, conflicting 0 → content/runs/checkout-api.ndjson`
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { ImportError, importSources, importText, isImportSource } from '../runs/import/index.ts';
import { writeRuns } from '../runs/import/write-runs.ts';
import { loadConfig } from '../vault/config.ts';
import { parseStrict, UsageError, vaultOptions } from './args.ts';

const importUsage = `Usage: shipshape import <source> <file> [options]

Reads run data exported from a CI/CD system and appends it to <service>.ndjson, one run a line. Re-importing the
same data adds nothing; a record edited since (same id, different content) is kept and reported.

Sources: ${importSources.join(' | ')}  (file "-" reads standard input)

Options:
  --service NAME      the service (default: from the payload: repository or Argo CD app name)
  --environment NAME  the environment (required for github-actions; default from the payload otherwise)
  --out DIR           where the NDJSON files go (default: <vault>/runs/)
  --content DIR       the vault (default as for check)
  --config FILE       config file (default as for check)
  --replace           overwrite conflicting records instead of keeping them
  -h, --help          this help`;

export async function runImport(argv: readonly string[]): Promise<number> {
  const parsed = parseStrict(argv, {
    ...vaultOptions,
    service: { type: 'string' },
    environment: { type: 'string' },
    out: { type: 'string' },
    replace: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${importUsage}\n`);
    return 0;
  }
  const [source, file, ...rest] = positionals;
  if (source === undefined || file === undefined || rest.length > 0) throw new UsageError('Expected a source and a file: shipshape import <source> <file>');
  if (!isImportSource(source)) throw new UsageError(`Unknown source "${source}", expected ${importSources.join(' | ')}`);
  const cwd = process.cwd();
  try {
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new ImportError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const runs = importText(source, text, file === '-' ? 'stdin' : file, {
      ...(values.service === undefined ? {} : { service: values.service }),
      ...(values.environment === undefined ? {} : { environment: values.environment }),
    });
    const out = values.out
      ? resolve(cwd, values.out)
      : resolve((await loadConfig({ cwd, ...(values.config ? { configFile: values.config } : {}), ...(values.content ? { content: values.content } : {}) })).contentDir, 'runs');
    if (runs.length === 0) {
      process.stdout.write(`No runs in ${file}: nothing imported\n`);
      return 0;
    }
    const shown = (path: string) => {
      const inCwd = relative(cwd, path);
      return inCwd.startsWith('..') ? path : inCwd.split(sep).join('/');
    };
    const results = await writeRuns(out, runs, { replace: values.replace! }).catch((error: NodeJS.ErrnoException) => {
      if (error instanceof ImportError || error.code === undefined) throw error;
      throw new ImportError(`Cannot write to ${out}: ${error.message}`);
    });
    for (const result of results) {
      for (const conflict of result.conflicts) {
        const action = result.replaced ? 'replaced by the import (--replace)' : 'kept; pass --replace to overwrite it';
        process.stderr.write(`shipshape: warning: ${shown(result.file)}:${conflict.line}: ${conflict.id} differs from the import: ${action}\n`);
      }
      const conflicting = `${result.replaced ? 'replaced' : 'conflicting'} ${result.conflicts.length}`;
      process.stdout.write(`added ${result.added}, unchanged ${result.unchanged}, ${conflicting} → ${shown(result.file)}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    process.stderr.write(`shipshape: ${error.message}\n`);
    return 2;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
