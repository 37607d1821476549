/**
 * The shape of a parsed Dataview query: the query type and its columns, the `FROM` source, and the data commands in
 * the order they are written. Every node carries its offsets into the query text, for the checks' problems.
 *
 * In: `TABLE owner AS "Owner" FROM "Ops" SORT file.name`
 * Out: `{ type: { kind: 'table', withoutId: false, columns: [{ expr: field owner, label: 'Owner' }] },
 *        source: folder 'Ops', commands: [{ kind: 'sort', keys: [{ expr: file.name, descending: false }] }] }`
 */
import type { Value } from '../types.ts';

interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '!=' | '<' | '>' | '<=' | '>=' | 'and' | 'or';

/** A named date of DQL (`date(today)`), resolved against the build's `now` when evaluated. */
export type NamedDate = 'today' | 'now' | 'tomorrow' | 'yesterday' | 'sow' | 'eow' | 'som' | 'eom' | 'soy' | 'eoy';

export type Expr = Span &
  (
    | { readonly type: 'literal'; readonly value: Value }
    | { readonly type: 'namedDate'; readonly name: NamedDate }
    /** `[[target#subpath|display]]`: resolved from the file holding the query when evaluated. */
    | { readonly type: 'link'; readonly target: string; readonly subpath?: string; readonly display?: string; readonly embed: boolean }
    | { readonly type: 'field'; readonly name: string }
    | { readonly type: 'member'; readonly object: Expr; readonly name: string }
    | { readonly type: 'index'; readonly object: Expr; readonly index: Expr }
    | { readonly type: 'call'; readonly name: string; readonly nameEnd: number; readonly args: readonly Expr[] }
    | { readonly type: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
    | { readonly type: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
    | { readonly type: 'list'; readonly items: readonly Expr[] }
    | { readonly type: 'object'; readonly entries: ReadonlyArray<{ readonly key: string; readonly value: Expr }> }
    | { readonly type: 'lambda'; readonly params: readonly string[]; readonly body: Expr }
  );

export type Source = Span &
  (
    /** `"folder"` or `"folder/file"`: a folder (with its subfolders) when one exists, else that file. */
    | { readonly type: 'path'; readonly path: string }
    /** `#tag`, without `#`: the tag and its nested tags. */
    | { readonly type: 'tag'; readonly tag: string }
    /** `[[note]]`: the files linking to it; `[[]]` is the file holding the query. */
    | { readonly type: 'link'; readonly target: string }
    /** `outgoing([[note]])`: the files it links to. */
    | { readonly type: 'outgoing'; readonly target: string }
    | { readonly type: 'and' | 'or'; readonly left: Source; readonly right: Source }
    | { readonly type: 'not'; readonly source: Source }
  );

export interface Column extends Span {
  readonly expr: Expr;
  /** Its expression as written. */
  readonly text: string;
  /** The `AS` name, else the text. */
  readonly label: string;
}

export type QueryType = Span &
  (
    | { readonly kind: 'list'; readonly withoutId: boolean; readonly expr?: Column }
    | { readonly kind: 'table'; readonly withoutId: boolean; readonly columns: readonly Column[] }
    | { readonly kind: 'task' }
    | { readonly kind: 'calendar'; readonly expr: Column }
  );

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
}

export type Command = Span &
  (
    | { readonly kind: 'where'; readonly expr: Expr }
    | { readonly kind: 'sort'; readonly keys: readonly SortKey[] }
    /** `name` is the `AS` name; without one the key is `key`, as in Dataview. */
    | { readonly kind: 'group'; readonly expr: Expr; readonly name?: string }
    /** `name` is the `AS` name, else the expression as written (`FLATTEN tags` rebinds `tags`). */
    | { readonly kind: 'flatten'; readonly expr: Expr; readonly name: string }
    | { readonly kind: 'limit'; readonly count: number }
  );

export interface DqlQuery {
  readonly type: QueryType;
  readonly source?: Source;
  readonly commands: readonly Command[];
}
