/**
 * A syntax error, thrown inside a query parser (Bases expressions, DQL) and caught once where it returns its
 * problems, so that the descent reads as the grammar instead of passing failures up by hand.
 *
 * In: `throw new SyntaxProblem('Unexpected `)`, expected an expression', 8, 9)` → caught → `{ message, start: 8, end: 9 }`
 */
export class SyntaxProblem extends Error {
  readonly start: number;
  readonly end: number;

  constructor(message: string, start: number, end: number) {
    super(message);
    this.start = start;
    this.end = end;
  }
}
