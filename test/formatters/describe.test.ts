import { expect, test } from 'vitest';
import { describeDiagnostic } from '../../src/diagnostics/describe.ts';

test.each([
  [{ message: 'M' }, 'M'],
  [{ message: 'M', hint: 'H' }, 'M — H'],
  [{ message: 'M', suggestions: ['a', 'b'] }, 'M (did you mean a, b?)'],
  [{ message: 'M', hint: 'H', suggestions: [] }, 'M — H'],
])('%j → %s', (diagnostic, expected) => {
  expect(describeDiagnostic(diagnostic)).toBe(expected);
});
