/**
 * `shipshape checklist`: a go/no-go gate for CI. argv → the vault's checklists and run data (through the cached
 * check pipeline) → the evaluation of one checklist for one candidate deployment → a table or JSON. Exit codes: 0 go
 * (every required item satisfied), 1 no-go, 2 could not evaluate (bad flags, unknown checklist, a checklist that
 * does not apply, an unreadable vault).
 *
 * In: `shipshape checklist production-deploy --service checkout-api --environment production --sha 3f9c2a1 --format json`
 * Out: `{ "version": 1, "checklist": "production-deploy", "verdict": "no-go", "items": [ … ] }`, exit 1
 */
import { evaluateChecklist } from '../checklists/evaluate.ts';
import type { Checklist, Evaluation } from '../checklists/types.ts';
import { usableRecords } from '../runs/usable-records.ts';
import { cacheDirOf } from '../pipeline/cache.ts';
import { analyzeVault } from '../pipeline/check-vault.ts';
import { tierResolver } from '../runs/tiers.ts';
import { ConfigError, loadConfig } from '../vault/config.ts';
import { parseCommand, parseStrict, UsageError, vaultOptions } from './args.ts';

const checklistUsage = `Usage: shipshape checklist <checklist-id> --service NAME --environment NAME --sha SHA [options]

Evaluates a deployment checklist of the vault (a \`\`\`checklist block, or a task list under a "… checklist" heading)
for one candidate deployment, against the vault's runs/ and incidents/, and says go or no-go.

Options:
  --service NAME      the service to deploy (as in the run data)
  --environment NAME  where to deploy it
  --sha SHA           the commit to deploy (7 characters or more)
  --at TIME           evaluate as of this time (RFC 3339; default: now)
  --format NAME       table | json (default: table)
  --content DIR       the vault (default: SHIPSHAPE_CONTENT, else config "content", else content/)
  --config FILE       config file
  -h, --help          this help

Exit codes: 0 go, 1 no-go, 2 could not evaluate.`;

class CannotEvaluate extends Error {}

/** A date (`2026-11-20`, midnight UTC) or a date-time with its offset (`2026-11-20T12:00:00Z`, `…+01:00`). */
const rfc3339 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

function parse(argv: readonly string[]) {
  const { values, positionals } = parseStrict(argv, {
    ...vaultOptions,
    service: { type: 'string' },
    environment: { type: 'string' },
    sha: { type: 'string' },
    at: { type: 'string' },
    format: { type: 'string', default: 'table' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { help: true as const };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Missing the checklist id' : `Unexpected argument: ${positionals[1]}`);
  for (const flag of ['service', 'environment', 'sha'] as const) if (!values[flag]) throw new UsageError(`Missing --${flag}`);
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`Invalid --format ${values.format}, expected table or json`);
  if (values.sha!.length < 7) throw new UsageError(`--sha ${values.sha} is too short: give 7 characters or more`);
  // RFC 3339 only: `new Date` also reads `1` (2001) and zoneless times (the machine's time zone), so a typo or the
  // CI runner's zone would silently move the gate's clock.
  const at = values.at === undefined ? new Date() : rfc3339.test(values.at) ? new Date(values.at) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw new UsageError(`Invalid --at time: ${values.at}, expected RFC 3339 (2026-11-20T12:00:00Z)`);
  return { help: false as const, id: positionals[0]!, service: values.service!, environment: values.environment!, sha: values.sha!, at, format: values.format, content: values.content, config: values.config };
}

/** Runs the command; returns the exit code. */
export async function runChecklist(
  argv: readonly string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
  err: (text: string) => void = (text) => process.stderr.write(text),
): Promise<number> {
  const options = parseCommand('checklist', checklistUsage, () => parse(argv), out, err);
  if (typeof options === 'number') return options;
  try {
    const config = await loadConfig({ cwd: process.cwd(), ...(options.config ? { configFile: options.config } : {}), ...(options.content ? { content: options.content } : {}) });
    const cacheDir = cacheDirOf(config);
    const analysis = await analyzeVault({ config, cacheDir, facts: true });
    const checklists = analysis.facts.flatMap((doc) => (doc.isTemplate ? [] : (doc.checklists ?? []).flatMap((fact) => (fact.checklist ? [fact.checklist] : []))));
    const matching = checklists.filter((c) => c.id === options.id);
    // A gate must not pick one of two definitions silently (the `checklist` rule reports the duplicate too).
    if (matching.length > 1) {
      throw new CannotEvaluate(`Checklist "${options.id}" is defined ${matching.length} times: ${matching.map((c) => `${c.source.path}:${c.source.line}`).join(', ')}`);
    }
    const [checklist] = matching;
    if (!checklist) {
      const known = [...new Set(checklists.map((c) => c.id))].sort();
      throw new CannotEvaluate(`No checklist "${options.id}" in ${config.contentDir}${known.length > 0 ? `; the vault defines: ${known.join(', ')}` : ': the vault defines none'}`);
    }
    refuseIfNotApplicable(checklist, options.service, options.environment);
    const { runs, incidents } = usableRecords(analysis.runs);
    const evaluation = evaluateChecklist(checklist, runs, incidents, {
      service: options.service,
      environment: options.environment,
      sha: options.sha,
      at: options.at,
      tierOf: tierResolver(analysis.facts, config.environments),
    });
    out(options.format === 'json' ? `${JSON.stringify(evaluation, null, 2)}\n` : formatEvaluation(evaluation, checklist, options.at));
    return evaluation.verdict === 'go' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof CannotEvaluate || error instanceof ConfigError)) throw error;
    err(`shipshape checklist: ${error.message}\n`);
    return 2;
  }
}

function refuseIfNotApplicable(checklist: Checklist, service: string, environment: string): void {
  const { services, environments } = checklist.appliesTo ?? {};
  if (services && !services.includes(service)) throw new CannotEvaluate(`Checklist "${checklist.id}" applies to ${services.join(', ')}, not to ${service}`);
  if (environments && !environments.includes(environment)) throw new CannotEvaluate(`Checklist "${checklist.id}" applies to ${environments.join(', ')}, not to ${environment}`);
}

const marks = { satisfied: '✔', failed: '✖', missing: '?' } as const;

/** The human report: a line per item by phase, its evidence, and the verdict. */
export function formatEvaluation(evaluation: Evaluation, checklist: Checklist, at: Date): string {
  const lines = [`${checklist.title} (${checklist.id}) for ${evaluation.service} ${evaluation.sha} → ${evaluation.environment}, as of ${at.toISOString()}`, ''];
  for (const item of evaluation.items) {
    lines.push(`${marks[item.status]} ${item.status.padEnd(9)} ${item.phase.padEnd(11)} ${item.text}${item.required ? '' : ' (optional)'}`);
    lines.push(`    ${item.reason}`);
    for (const evidence of item.evidence) lines.push(`    · ${evidence.kind} ${evidence.id}: ${evidence.detail}${evidence.url ? ` ${evidence.url}` : ''}`);
  }
  const blocking = evaluation.items.filter((item) => item.required && item.status !== 'satisfied').length;
  lines.push('', evaluation.verdict === 'go' ? 'GO: every required item is satisfied.' : `NO-GO: ${blocking} required item${blocking === 1 ? ' is' : 's are'} not satisfied.`);
  return `${lines.join('\n')}\n`;
}
