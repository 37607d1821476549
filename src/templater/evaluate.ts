/**
 * What one Templater expression (the inside of `<% … %>`) writes when a doc is created: `tp.file.title` and the
 * date functions with literal arguments, as Templater computes them; anything else (prompts, user scripts,
 * variables) is a reason why it cannot be known without Obsidian.
 *
 * In: `evaluate('tp.date.now("YYYY-MM-DD", 7)', 'rollback', new Date(2026, 2, 2))` → Out: `{ text: '2026-03-09' }`
 */
import { dateFunctions, type DateFunction } from './commands.ts';
import { formatDate, isSupportedFormat, localIso, offsetDate } from './format-date.ts';

/** The text written, or why nothing can be. */
export type Outcome = { text: string } | { reason: string };

type Literal = string | number | boolean | null;

/** `tp.date.now("YYYY-MM-DD", 7)`: a `tp.` name, then arguments in parentheses or none (`tp.file.title`). */
const callShape = /^(tp(?:\.[A-Za-z_$][\w$]*)+)\s*(?:\(([^]*)\))?\s*;?$/;

/** One literal argument and the comma after it: strings without escapes or `${}`, numbers, booleans, null. */
const argument = /\s*(?:"([^"\\]*)"|'([^'\\]*)'|`([^`\\$]*)`|([+-]?\d+(?:\.\d+)?)|(true|false|null|undefined))\s*(?:,|$)/y;

function parseArguments(source: string): Literal[] | undefined {
  const args: Literal[] = [];
  argument.lastIndex = 0;
  while (source.slice(argument.lastIndex).trim() !== '') {
    const match = argument.exec(source);
    if (!match) return undefined;
    const [, double, single, backtick, number, word] = match;
    const text = double ?? single ?? backtick;
    if (text !== undefined) args.push(text);
    else if (number !== undefined) args.push(Number(number));
    else args.push(word === 'true' ? true : word === 'false' ? false : null);
  }
  return args;
}

function dateOutcome(command: DateFunction, args: readonly Literal[], now: Date): Outcome {
  const [format = null, offset = null, ...rest] = args;
  if (rest.length > 0) return { reason: 'dates relative to a reference date are not filled' };
  if (offset !== null && !command.offset) return { reason: 'unexpected second argument' };
  if (format !== null && typeof format !== 'string') return { reason: 'the format is not a string' };
  const pattern = format ?? command.format;
  if (!isSupportedFormat(pattern)) return { reason: `format "${pattern}" has tokens Shipshape does not write` };
  let when = offsetDate(now, command.days)!;
  if (offset !== null) {
    const moved = typeof offset === 'boolean' ? undefined : offsetDate(when, offset);
    if (!moved) return { reason: `offset ${JSON.stringify(offset)} is neither whole days nor an ISO 8601 duration` };
    when = moved;
  }
  return { text: formatDate(localIso(when), pattern) };
}

/** What one Templater expression (the inside of `<% … %>`) writes, with `fileTitle` for `tp.file.title`. */
export function evaluate(expression: string, fileTitle: string, now: Date): Outcome {
  const call = callShape.exec(expression);
  if (!call) return { reason: 'not a command Shipshape can fill' };
  const [, name = '', argSource] = call;
  if (name === 'tp.file.title' && argSource === undefined) return { text: fileTitle };
  const date = dateFunctions[name];
  if (!date) {
    if (name.startsWith('tp.system.')) return { reason: 'asks the author for input' };
    if (name.startsWith('tp.user.')) return { reason: 'runs a user script' };
    return { reason: `\`${name}\` is not filled by Shipshape` };
  }
  const args = parseArguments(argSource ?? '');
  if (!args) return { reason: 'its arguments are not plain strings and numbers' };
  return dateOutcome(date, args, now);
}
