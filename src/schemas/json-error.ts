/**
 * Where and why `JSON.parse` failed, in the house's words: V8 says `at position N` for most errors but not for
 * "Unexpected token", and echoes the source in its message (binary junk, a whole file). Shared by every reader of
 * JSON that reports a position (model blocks, `.obsidian/types.json`).
 *
 * In: `jsonErrorOffset('{"a": tru}', "Unexpected token '}', …")` → 9; `jsonErrorText("Unexpected token '}', \"{…}\" is not valid JSON")` → `Unexpected token '}'`
 */

/**
 * Where JSON.parse stopped. V8 says `at position N` for most errors; "Unexpected token" comes without one, so we
 * find the shortest prefix that fails before its end: its last character is the culprit.
 */
export function jsonErrorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.trimEnd().length;
  // A prefix cut short fails too, but at its very end ("Unexpected end of JSON input", or `at position <length>`).
  const failsEarly = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      if (!(error instanceof SyntaxError) || /Unexpected end of JSON input/.test(error.message)) return false;
      const at = /at position (\d+)/.exec(error.message);
      return !at || Number(at[1]) < length;
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsEarly(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** V8's message without the position and the echo of the source. */
export function jsonErrorText(message: string): string {
  return message
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/(?: in JSON)? at position \d+.*$/s, '');
}
