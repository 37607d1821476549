/**
 * What the two query front-ends (Obsidian Bases in `bases/`, Dataview DQL in `dataview/`) share: the values they
 * compute with, the vault they query (one row per file, from the property index), the result the site renders, and
 * the problems the rules report. Plain data: a result is computed once at build time and rendered without the engine.
 *
 * In: a doc `runbooks/rollback.md` with `owner: "[[sre]]"`, `reviewed: 2026-01-05`
 * Out: `{ path: 'runbooks/rollback.md', note: { owner: { kind: 'link', target: 'sre', path: 'teams/sre.md' },
 *        reviewed: { kind: 'date', time: 1767571200000, hasTime: false } }, file: { name: 'rollback.md', … } }`
 */

/** A date, as UTC milliseconds: a vault's dates carry no zone, and a build must not depend on the machine's. */
export interface QueryDate {
  readonly kind: 'date';
  readonly time: number;
  /** False for a day (`2026-01-05`): it prints and compares as a day. */
  readonly hasTime: boolean;
}

/** A length of time: calendar months (a month or a year has no fixed length) and milliseconds. */
export interface QueryDuration {
  readonly kind: 'duration';
  readonly months: number;
  readonly ms: number;
}

/** A link, as a property holds it (`"[[sre]]"`) or a function makes it (`link("sre")`). */
export interface QueryLink {
  readonly kind: 'link';
  /** The target as written, without `[[ ]]`, anchor or display text. */
  readonly target: string;
  /** The vault path it resolves to, the way Obsidian resolves it; undefined when it resolves to nothing. */
  readonly path?: string;
  readonly display?: string;
}

/** A file of the vault as a value (`file`, `this`, `file.asLink()`'s source): its row is looked up by path. */
export interface QueryFile {
  readonly kind: 'file';
  readonly path: string;
}

/** A mapping (a frontmatter object): tagged, so that a property named `kind` cannot be mistaken for a value's tag. */
export interface QueryObject {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, Value>>;
}

export type Value = null | boolean | number | string | QueryDate | QueryDuration | QueryLink | QueryFile | QueryObject | readonly Value[];

/** A task list item (`- [ ] text`), for Dataview's `TASK` and `file.tasks`. */
export interface QueryTask {
  readonly text: string;
  /** The character between the brackets: ' ' open, 'x' done, others as the author's theme uses them. */
  readonly status: string;
  readonly completed: boolean;
  /** 1-based line in the doc. */
  readonly line: number;
}

/** A file's implicit properties: Bases' `file.*` and Dataview's `file.*` are both read from these. */
export interface FileProperties {
  /** With its extension: `rollback.md`. */
  readonly name: string;
  /** Without: `rollback`. */
  readonly basename: string;
  /** The vault path: `runbooks/rollback.md`. */
  readonly path: string;
  /** `runbooks`; '' at the vault's root. */
  readonly folder: string;
  /** Without the dot: `md`, `png`, `base`. */
  readonly ext: string;
  /** Bytes. */
  readonly size: number;
  /** From the vault's git history, as the site dates its pages; null when the file has none (not committed). */
  readonly ctime: QueryDate | null;
  readonly mtime: QueryDate | null;
  /** Tags from the frontmatter and the text, without `#`, as written. */
  readonly tags: readonly string[];
  readonly aliases: readonly string[];
  /** Links and embeds in the body and the frontmatter, in document order. */
  readonly links: readonly QueryLink[];
  readonly embeds: readonly QueryLink[];
  /** Links from other files to this one, one per linking file. */
  readonly backlinks: readonly QueryLink[];
  readonly tasks: readonly QueryTask[];
}

/** One file of the vault, as both query languages see it. Attachments are rows too (Bases lists every file). */
export interface QueryDoc {
  readonly path: string;
  /** What a link to it shows: its title for a doc, its name for an attachment. */
  readonly title: string;
  /** Its frontmatter, typed: dates as dates, `"[[links]]"` as links, lists as lists. Empty for attachments. */
  readonly note: Readonly<Record<string, Value>>;
  readonly file: FileProperties;
}

/** The vault a query runs over: the published files only (an excluded doc never appears in a result). */
export interface QueryVault {
  readonly docs: readonly QueryDoc[];
  /** Path → row. */
  readonly byPath: ReadonlyMap<string, QueryDoc>;
  /** Resolves a link target written in `from` (a path) as Obsidian does; undefined when nothing matches. */
  resolve(target: string, from: string): string | undefined;
}

/** What evaluation needs besides the vault. */
export interface QueryContext {
  readonly vault: QueryVault;
  /** `now()` and `today()`: the build's `asOf`, so a build is reproducible. */
  readonly now: Date;
  /** The file holding the query (`this` in Bases, `this` in DQL); for a `.base` file embedded in a doc, that doc. */
  readonly self?: QueryDoc;
  /** A result is cut to this many rows, with a note saying so. */
  readonly maxRows: number;
}

/** The names that exist in the vault, for the checks (the check has no git dates and runs no query). */
export interface VaultNames {
  /** Every frontmatter key any doc has. */
  readonly properties: ReadonlySet<string>;
  /** Every folder path (`runbooks`, `runbooks/db`). */
  readonly folders: ReadonlySet<string>;
  /** Every tag, lower-cased, without `#` (a parent `ops` of `ops/db` included). */
  readonly tags: ReadonlySet<string>;
}

/** A problem in a query's text, at offsets into the text the parser was given (its front-end places it in the file). */
export interface QueryProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** Default `error`: an unknown property is a `warning`, what needs Obsidian an `info`. */
  readonly severity?: 'error' | 'warning' | 'info';
}

export interface QueryColumn {
  /** `file.name`, `note.owner`, `formula.age`; for DQL its expression as written. */
  readonly id: string;
  /** The header: a `displayName`, an `AS` name, else the property's name. */
  readonly label: string;
}

export interface QueryRow {
  /** The file the row is (its first cell links to it); '' for a row that stands for no file (DQL `WITHOUT ID`). */
  readonly path: string;
  /** One value per column. */
  readonly cells: readonly Value[];
  /** For a task row (`TASK`): the task itself. */
  readonly task?: QueryTask;
}

export interface QueryGroup {
  /** The value grouped by (`groupBy`, `GROUP BY`); absent for the one group of an ungrouped result. */
  readonly key?: Value;
  readonly rows: readonly QueryRow[];
  /** Per column id, the summary's label and value (Bases `summaries`). */
  readonly summaries?: Readonly<Record<string, { readonly label: string; readonly value: Value }>>;
}

/** One view's result, ready to render. */
export interface QueryResult {
  /** The view's name (Bases), shown above it. */
  readonly name?: string;
  /** How it is laid out; a Bases `map` view is a `table` with a note. */
  readonly layout: 'table' | 'list' | 'cards' | 'task';
  readonly columns: readonly QueryColumn[];
  readonly groups: readonly QueryGroup[];
  /** Rows before `limit` and the row cap. */
  readonly total: number;
  /** What the reader should know: "Shown as a table: maps need Obsidian", "First 1,000 of 10,000 rows". */
  readonly notes: readonly string[];
}
