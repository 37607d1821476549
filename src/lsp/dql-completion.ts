/**
 * Completion inside a ```dataview block (DQL, blacksmithgu.github.io/obsidian-dataview/queries/structure): the query
 * types first, then what the clause the cursor is in can go on with — the data commands, `WITHOUT ID`, `AS`, `ASC` and
 * `DESC` after a value; the vault's properties, `file` and the functions where an expression starts; `file.` fields;
 * folders after `FROM "` and tags after `FROM #`. Read from the tokens before the cursor: the query is being typed.
 *
 * In: "TABLE status FROM #on‸" → oncall, on-prem (tags of the vault)
 * In: "LIST WHERE contains(file.‸" → name, path, folder, … (the file's fields)
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { fileFieldNames } from '../queries/dataview/evaluate.ts';
import { commandKeywords } from '../queries/dataview/dql.ts';
import { dqlFunctions } from '../queries/dataview/functions.ts';
import { isIdentifier, tokenize, type Token } from '../queries/dataview/lexer.ts';
import { canonicalName } from '../queries/dataview/values.ts';
import { arity, perNames, propertyEntries, queryItems, type QueryCursor, type QueryEntry } from './query-cursor.ts';

const queryTypes = ['LIST', 'TABLE', 'TASK'];
const commands = ['FROM', 'WHERE', 'SORT', 'GROUP BY', 'FLATTEN', 'LIMIT'];
/** The words that open a clause, lower-cased: the query types and the commands. */
const clauses = new Set(['list', 'table', 'task', 'calendar', ...commandKeywords]);

const fileEntries: QueryEntry[] = [...fileFieldNames].sort().map((label) => ({ label, kind: CompletionItemKind.Field, detail: 'file field' }));

const functionEntries: QueryEntry[] = [...dqlFunctions]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([name, f]) => ({ label: name, kind: CompletionItemKind.Function, detail: `function, ${arity(f.min, f.max)}` }));

export function dqlCompletion(cursor: QueryCursor): CompletionItem[] {
  const { before } = cursor;
  const tokens = tokenize(before).slice(0, -1);
  const last = tokens.at(-1);
  const atCursor = last !== undefined && last.end === before.length;
  // A string or a tag being typed: only a FROM's source takes names there.
  if (atCursor && last.kind === 'invalid' && last.text.startsWith('"')) {
    return clauseOf(tokens.slice(0, -1)) === 'from' ? folders(cursor, last.text.slice(1)) : [];
  }
  if (atCursor && (last.kind === 'tag' || (last.kind === 'invalid' && last.text === '#'))) {
    return clauseOf(tokens.slice(0, -1)) === 'from' ? tags(cursor, last.kind === 'tag' ? last.value : '') : [];
  }
  const typing = atCursor && last.kind === 'ident';
  if (atCursor && !typing && !(last.kind === 'op' && last.text !== ')' && last.text !== ']')) return [];
  const typed = typing ? last.text : '';
  const earlier = typing ? tokens.slice(0, -1) : tokens;
  const previous = earlier.at(-1);

  if (previous?.kind === 'op' && previous.text === '.' && previous.end === before.length - typed.length) return member(cursor, earlier, typed);
  if (!previous) return keywords(cursor, typed, queryTypes);
  const clause = clauseOf(earlier);
  if (clause === undefined) return [];
  const word = previous.kind === 'ident' ? previous.text.toLowerCase() : '';
  if (word === 'group') return keywords(cursor, typed, ['BY']);
  if (word === 'without') return keywords(cursor, typed, ['ID']);
  // Commands that may still come: FROM only right after the query type.
  const next = clause === 'list' || clause === 'table' || clause === 'task' ? commands : commands.filter((command) => command !== 'FROM');
  const isClauseWord = word !== '' && clauses.has(word) && isKeywordAt(earlier, earlier.length - 1);
  const afterWithoutId = word === 'id' && earlier.at(-2)?.text.toLowerCase() === 'without';
  // A LIST or TABLE's columns are optional: an expression or the next command.
  if ((isClauseWord || afterWithoutId) && (clause === 'list' || clause === 'table')) {
    return [...keywords(cursor, typed, afterWithoutId ? next : ['WITHOUT ID', ...next]), ...expressionStart(cursor, typed)];
  }
  if (isClauseWord) {
    if (clause === 'task' || clause === 'calendar') return keywords(cursor, typed, next);
    return clause === 'from' || clause === 'limit' ? [] : expressionStart(cursor, typed);
  }
  if (endsValue(previous)) {
    const more = clause === 'table' || clause === 'flatten' || clause === 'group' ? ['AS'] : clause === 'sort' ? ['ASC', 'DESC'] : [];
    return keywords(cursor, typed, [...more, ...next]);
  }
  return clause === 'from' || clause === 'limit' ? [] : expressionStart(cursor, typed);
}

/** The clause a position is in: the last query type or command keyword before it (lower-cased). */
function clauseOf(tokens: readonly Token[]): string | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const word = tokens[i]!.kind === 'ident' ? tokens[i]!.text.toLowerCase() : '';
    if (clauses.has(word) && isKeywordAt(tokens, i)) return word;
  }
  return undefined;
}

/** Whether the word at `i` can be a keyword: after `.` it is a field (`row.from`). */
function isKeywordAt(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  return !(before?.kind === 'op' && before.text === '.');
}

/** Whether the token ends a value, so that an operator or a keyword comes next. */
function endsValue(token: Token): boolean {
  if (token.kind === 'ident') return !['and', 'or', 'as', 'by'].includes(token.text.toLowerCase());
  return token.kind === 'number' || token.kind === 'string' || token.kind === 'link' || token.kind === 'tag' || (token.kind === 'op' && (token.text === ')' || token.text === ']'));
}

function keywords(cursor: QueryCursor, typed: string, names: readonly string[]): CompletionItem[] {
  return queryItems(cursor, typed, names.map((label) => ({ label, kind: CompletionItemKind.Keyword })));
}

/** The vault's properties as a query names them: as written when that is a name, else by Dataview's simplified name. */
const fieldEntries = perNames((properties) =>
  propertyEntries(properties.map((key) => (isIdentifier(key) ? key : canonicalName(key))).filter(isIdentifier), 'field'),
);

/** After `this.`: the page's `file`, and its properties written as they are. */
const thisEntries = perNames((properties): QueryEntry[] => [
  { label: 'file', kind: CompletionItemKind.Module, detail: "this page's file fields" },
  ...propertyEntries(properties.filter(isIdentifier), 'field'),
]);

/** Where an expression starts: the vault's properties (as a query names them), `file`, `this` and the functions. */
function expressionStart(cursor: QueryCursor, typed: string): CompletionItem[] {
  return [
    ...queryItems(cursor, typed, fieldEntries(cursor.names.properties), 1),
    ...queryItems(cursor, typed, [
      { label: 'file', kind: CompletionItemKind.Module, detail: "the page's file fields" },
      { label: 'this', kind: CompletionItemKind.Module, detail: 'the page holding the query' },
    ], 2),
    ...queryItems(cursor, typed, functionEntries, 3),
  ];
}

/** After `value.`: a file's fields after `file.`, a page's after `this.`. */
function member(cursor: QueryCursor, tokens: readonly Token[], typed: string): CompletionItem[] {
  const object = tokens.at(-2);
  const name = object?.kind === 'ident' ? object.text.toLowerCase() : '';
  if (name === 'file') return queryItems(cursor, typed, fileEntries);
  if (name === 'this') {
    return queryItems(cursor, typed, thisEntries(cursor.names.properties));
  }
  return [];
}

/** The vault's folders in a FROM's `"…`: what is typed is replaced, and the string closed when it is not yet. */
function folders(cursor: QueryCursor, typed: string): CompletionItem[] {
  const close = cursor.request.after.startsWith('"') ? '' : '"';
  return queryItems(cursor, typed, cursor.names.folders.map((label) => ({ label, kind: CompletionItemKind.Folder, detail: 'folder', insert: `${label}${close}` })));
}

function tags(cursor: QueryCursor, typed: string): CompletionItem[] {
  return queryItems(cursor, typed, cursor.names.tags.map((label) => ({ label, kind: CompletionItemKind.Keyword, detail: 'tag' })));
}
