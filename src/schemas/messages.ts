/**
 * ajv errors → friendly issues in the house format "Unexpected X, expected Y", each with the YAML node to point at.
 * ajv (with `allErrors`) reports every failing `anyOf` branch and the `anyOf` itself; we keep what the user can act on.
 *
 * In: `{ keyword: 'enum', instancePath: '/status', params: { allowedValues: ['draft', 'active'] }, data: 'wip' }`
 * Out: `{ message: 'Unexpected value "wip" for status, expected one of: draft, active', target: { pointer: '/status', part: 'value' } }`
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { PointerProblem } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { escapePointerSegment, parsePointer, type NodePart } from './yaml-position.ts';

export interface ValidationIssue {
  /** The JSON Schema keyword that failed, e.g. `required`. */
  keyword: string;
  /** JSON pointer of the value ajv checked (`''` is the whole document). */
  instancePath: string;
  /** The YAML node the report belongs on: the offending key, the bad value, or the mapping missing a key. */
  target: { pointer: string; part: NodePart };
  message: string;
  /** The key the issue is about: the missing one (`required`) or the unexpected one (`additionalProperties`). */
  key?: string;
  /** Close matches for a mistyped key or value. */
  suggestions?: string[];
}

/** An issue as a problem of the data it was found in: what the block or record holding the text places. */
export function pointerProblem({ target, message, suggestions }: ValidationIssue): PointerProblem {
  return { ...target, message, ...(suggestions ? { suggestions } : {}) };
}

/** Collapses ajv's errors and describes each; identical issues (from `allOf`'d schemas repeating a rule) are reported once. */
export function friendlyIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of collapseErrors(errors)) {
    const issue = describeError(error);
    if (!issue) continue;
    const key = `${issue.target.pointer}\0${issue.target.part}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * Keeps the most specific errors. ajv evaluates the branches of an `anyOf`/`oneOf` one after another and pushes the
 * `anyOf` error right after them, so its branch errors are the run of errors under the same value just before it.
 * From those we drop the ones of branches that wanted another type of value; when every branch did, one type error
 * lists what would have fit. `if` errors only say "must match then": the `then` errors before them say why.
 */
export function collapseErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'propertyNames') continue;
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      out.push(error);
      continue;
    }
    let start = out.length;
    while (start > 0 && isWithin(out[start - 1]!.instancePath, error.instancePath)) start--;
    const branches = out.splice(start);
    const ambiguous = error.keyword === 'oneOf' && Array.isArray(error.params.passingSchemas);
    if (ambiguous || branches.length === 0) {
      out.push(error);
      continue;
    }
    const fitting = branches.filter((e) => e.instancePath !== error.instancePath || fitsType(e));
    out.push(...(fitting.length > 0 ? fitting : [mergedTypeError(error, branches)]));
  }
  return out;
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** Whether an error at the branch's own value comes from a branch that accepted the value's type. */
function fitsType(error: ErrorObject): boolean {
  switch (error.keyword) {
    case 'type':
      return false;
    case 'enum':
      return asArray(error.params.allowedValues).some((v) => sameType(v, error.data));
    case 'const':
      return sameType(error.params.allowedValue, error.data);
    default:
      return true;
  }
}

function mergedTypeError(parent: ErrorObject, branches: readonly ErrorObject[]): ErrorObject {
  const types = new Set<string>();
  for (const e of branches) {
    if (e.instancePath !== parent.instancePath) continue;
    if (e.keyword === 'type') for (const t of typeList(e.params.type)) types.add(t);
    else if (e.keyword === 'enum') for (const v of asArray(e.params.allowedValues)) types.add(jsonType(v));
    else if (e.keyword === 'const') types.add(jsonType(e.params.allowedValue));
  }
  return { ...parent, keyword: 'type', params: { type: [...types] } };
}

export function describeError(error: ErrorObject): ValidationIssue | undefined {
  const path = error.instancePath;
  const label = pathLabel(path);
  const forLabel = label ? ` for ${label}` : '';
  const inLabel = label ? ` in ${label}` : '';
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  const issue = (message: string, part: NodePart = 'value', pointer = path, suggestions?: string[], key?: string): ValidationIssue => ({
    keyword: error.keyword,
    instancePath: path,
    target: { pointer, part },
    message,
    ...(key === undefined ? {} : { key }),
    ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
  });

  // Errors inside `propertyNames` are about a key, not about the mapping's value.
  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    const why = describeError({ ...error, propertyName: undefined, instancePath: '', data: key });
    const expected = why?.message.match(/, (expected .*)$/)?.[1];
    return issue(`Unexpected key ${quote(key)}${inLabel}${expected ? `, ${expected}` : ''}`, 'key', child(path, key), undefined, key);
  }

  switch (error.keyword) {
    case 'required':
    case 'dependentRequired': {
      const missing = String(params.missingProperty);
      const when = error.keyword === 'dependentRequired' ? `, needed when ${String(params.property)} is set` : '';
      return issue(`Missing required key ${missing}${inLabel}${when}`, 'key', path, undefined, missing);
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      return issue(`Unexpected key ${quote(key)}${inLabel}`, 'key', child(path, key), suggest(key, knownKeys(error.parentSchema, data)), key);
    }
    case 'false schema': {
      // `properties: { x: false }` forbids a key; the error sits on the key's value.
      const key = parsePointer(path).at(-1);
      if (key === undefined) return issue('Unexpected value, expected nothing (the schema allows no value here)');
      const parent = pathLabel(path.slice(0, path.lastIndexOf('/')));
      return issue(`Unexpected key ${quote(key)}${parent ? ` in ${parent}` : ''}`, 'key');
    }
    case 'type':
      return issue(`Unexpected ${typeName(data)}${forLabel}, expected ${typeList(params.type).map(typeWord).join(' or ')}`);
    case 'enum': {
      const allowed = asArray(params.allowedValues);
      const close = typeof data === 'string' ? suggest(data, allowed.filter((v): v is string => typeof v === 'string')) : [];
      return issue(`Unexpected ${valueText(data)}${forLabel}, expected one of: ${allowed.map(plain).join(', ')}`, 'value', path, close);
    }
    case 'const':
      return issue(`Unexpected ${valueText(data)}${forLabel}, expected ${plain(params.allowedValue)}`);
    case 'format':
      return issue(`Unexpected ${shown(data)}${forLabel}, expected ${formatWord(String(params.format))}`);
    case 'pattern':
      return issue(`Unexpected ${shown(data)}${forLabel}, expected a value matching /${String(params.pattern)}/`);
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params.limit);
      const what = data === '' ? 'empty string' : shown(data);
      const bound = error.keyword === 'minLength' ? 'at least' : 'at most';
      return issue(`Unexpected ${what}${forLabel}, expected ${bound} ${count(limit, 'character')}`);
    }
    case 'minItems':
    case 'maxItems': {
      const size = Array.isArray(data) ? data.length : 0;
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return issue(`Unexpected ${count(size, 'item')}${inLabel}, expected ${bound} ${Number(params.limit)}`);
    }
    case 'minProperties':
    case 'maxProperties': {
      const size = isRecord(data) ? Object.keys(data).length : 0;
      const bound = error.keyword === 'minProperties' ? 'at least' : 'at most';
      return issue(`Unexpected ${count(size, 'key')}${inLabel}, expected ${bound} ${Number(params.limit)}`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return issue(`Unexpected ${shown(data)}${forLabel}, expected ${comparisonWord(String(params.comparison))} ${String(params.limit)}`);
    case 'multipleOf':
      return issue(`Unexpected ${shown(data)}${forLabel}, expected a multiple of ${String(params.multipleOf)}`);
    case 'uniqueItems': {
      // ajv's `i` is the later index or the earlier one, depending on how it compared the items.
      const earlier = Math.min(Number(params.i), Number(params.j));
      const later = Math.max(Number(params.i), Number(params.j));
      const item = Array.isArray(data) ? data[later] : undefined;
      return issue(
        `Unexpected duplicate ${shown(item)}${inLabel} (items ${earlier + 1} and ${later + 1}), expected unique items`,
        'value',
        `${path}/${later}`,
      );
    }
    case 'contains':
      return issue(`Unexpected ${label || 'list'} without a matching item, expected at least ${count(Number(params.minContains ?? 1), 'item')} matching its schema`);
    case 'not':
      return issue(`Unexpected value${forLabel}, expected a value the schema does not exclude`);
    case 'anyOf':
      return issue(`Unexpected value${forLabel}, expected one of the allowed forms`);
    case 'oneOf':
      return Array.isArray(params.passingSchemas)
        ? issue(`Unexpected value${forLabel} that matches several alternatives, expected exactly one`)
        : issue(`Unexpected value${forLabel}, expected one of the allowed forms`);
    default:
      return issue(`Unexpected value${forLabel}, expected it to ${error.message ?? `satisfy ${error.keyword}`}`.replace(/to must /, 'to '));
  }
}

/** `/deployment_plan/phases/1/name` → `deployment_plan.phases[1].name`; `''` (the whole document) → `''`. */
export function pathLabel(pointer: string): string {
  let label = '';
  for (const segment of parsePointer(pointer)) {
    if (/^(?:0|[1-9]\d*)$/.test(segment)) label += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) label += label ? `.${segment}` : segment;
    else label += `[${JSON.stringify(segment)}]`;
  }
  return label;
}

function child(path: string, key: string): string {
  return `${path}/${escapePointerSegment(key)}`;
}

/** Keys the schema that rejected a key does know, for "did you mean". */
function knownKeys(parentSchema: unknown, data: unknown): string[] {
  if (!isRecord(parentSchema) || !isRecord(parentSchema.properties)) return [];
  const present = isRecord(data) ? new Set(Object.keys(data)) : new Set<string>();
  return Object.keys(parentSchema.properties).filter((key) => !present.has(key));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function typeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',') : [];
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function sameType(a: unknown, b: unknown): boolean {
  return jsonType(a) === jsonType(b);
}

/** The type of a value, in the words YAML users know (a JSON array is a list, an object a mapping). */
function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function typeWord(type: string): string {
  switch (type) {
    case 'array':
      return 'list';
    case 'object':
      return 'mapping';
    case 'null':
      return 'empty value';
    default:
      return type;
  }
}

/** `value "wip"`, `value 3`, `empty value`, `list`. */
function valueText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `value ${shown(value)}`;
  return typeName(value);
}

/** A value as the user wrote it: strings quoted (and cut short), other scalars bare, collections by type. */
function shown(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeName(value);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/** Allowed values in a list: strings bare (`draft, active`), anything else as JSON. */
function plain(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function comparisonWord(comparison: string): string {
  switch (comparison) {
    case '>=':
      return 'at least';
    case '<=':
      return 'at most';
    case '>':
      return 'more than';
    default:
      return 'less than';
  }
}

const formatWords: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date and time (YYYY-MM-DDTHH:MM:SSZ)',
  time: 'a time (HH:MM:SS)',
  duration: 'an ISO 8601 duration (P1DT2H)',
  uri: 'a URI',
  'uri-reference': 'a URI or relative reference',
  iri: 'a URI',
  url: 'a URL',
  email: 'an email address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uuid: 'a UUID',
  regex: 'a regular expression',
};

function formatWord(format: string): string {
  return Object.hasOwn(formatWords, format) ? formatWords[format]! : `a value in the format "${format}"`;
}
