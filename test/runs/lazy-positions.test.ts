/**
 * NDJSON records are JSON-parsed only: the YAML parse that gives positions inside a line happens when a report first
 * asks for a span in it, once per line.
 *
 * In: three NDJSON lines, `recordSpan(records[1], '/status')` twice → Out: one YAML parse, of line 2
 */
import { describe, expect, it, vi } from 'vitest';

const yamlParses = vi.hoisted(() => ({ count: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>();
  return {
    ...yaml,
    parseDocument: (...args: Parameters<typeof yaml.parseDocument>) => {
      yamlParses.count++;
      return yaml.parseDocument(...args);
    },
  };
});

const { parseRunFiles, recordSpan } = await import('../../src/runs/load-runs.ts');

describe('positions in NDJSON records', () => {
  it('are parsed on first use only', () => {
    const text = '{"id":"r0"}\n{"id":"r1","status":"done"}\n{"id":"r2"}\n';
    yamlParses.count = 0;
    const { records } = parseRunFiles([{ path: 'runs/a.ndjson', bytes: new TextEncoder().encode(text) }]);
    expect(records).toHaveLength(3);
    expect(yamlParses.count).toBe(0);
    const span = recordSpan(records[1]!, '/status');
    expect(`${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`).toBe('2:21-2:27');
    recordSpan(records[1]!, '/id', 'key');
    expect(yamlParses.count).toBe(1);
  });
});
