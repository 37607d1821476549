/**
 * Completion inside ```base and ```dataview blocks, as a table: a small vault, a document with the cursor (`‸`), the
 * labels offered (some of them) and what one of them inserts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import { completion } from '../../src/lsp/completion.ts';
import { cursor, navVault, removeNavVaults } from './nav-vault.ts';

afterAll(removeNavVaults);

const vault = await navVault({
  'runbooks/rollback.md': '---\nstatus: active\nowner: sre\nDue Date: 2026-01-05\ntags: [ops/db]\n---\n# Rollback\n',
  'runbooks/db/failover.md': '---\nstatus: draft\nprice: 3\n---\n# Failover #oncall\n',
  'img/diagram.png': 'png',
});

function complete(marked: string): CompletionItem[] {
  const { text, position } = cursor(marked);
  return completion(vault.state, 'notes/queries.md', text, position).items;
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const inserted = (items: CompletionItem[], label: string) => {
  const edit = items.find((item) => item.label === label)?.textEdit;
  return edit && 'range' in edit ? edit.newText : undefined;
};

const base = (body: string) => `# Q\n\n\`\`\`base\n${body}\n\`\`\`\n`;
const dql = (body: string) => `# Q\n\n\`\`\`dataview\n${body}\n\`\`\`\n`;

describe('completion in a base block', () => {
  it.each([
    ['a base key', base('fil‸'), ['filters'], 'filters', 'filters: '],
    ['every base key', base('‸'), ['filters', 'formulas', 'properties', 'summaries', 'views'], 'views', 'views: '],
    ['a view key', base('views:\n  - type: table\n    or‸'), ['order'], 'order', 'order: '],
    ['a view key as the item’s first', base('views:\n  - gr‸'), ['groupBy'], 'groupBy', 'groupBy: '],
    ['a view type', base('views:\n  - type: ‸'), ['table', 'list', 'cards', 'map'], 'cards', 'cards'],
    ['a property in a filter', base("filters: 'sta‸'"), ['status'], 'status', 'status'],
    ['a property that is no identifier, by note[…]', base("filters: 'Due‸'"), ['Due Date'], 'Due Date', 'note["Due Date"]'],
    ['a file field after file.', base("filters: 'file.fo‸'"), ['folder'], 'folder', 'folder'],
    ['a file method after file.', base("filters: 'file.hasT‸'"), ['hasTag'], 'hasTag', 'hasTag'],
    ['a file field of the base’s own file', base("filters: 'this.file.na‸'"), ['name'], 'name', 'name'],
    ['a property of the base’s own file', base("filters: 'this.ow‸'"), ['owner'], 'owner', 'owner'],
    ['a method after a call', base("filters: 'today().for‸'"), ['format'], 'format', 'format'],
    ['a property after note.', base("filters: 'note.ow‸'"), ['owner'], 'owner', 'owner'],
    ['a formula of the block after formula.', base("filters: 'formula.‸'\nformulas:\n  ppu: price / 2\n  \"per day\": price / 7"), ['ppu', 'per day'], 'ppu', 'ppu'],
    ['a property inside a call', base("formulas:\n  x: 'if(sta‸'"), ['status'], 'status', 'status'],
    ['a zero-argument function, called', base("formulas:\n  x: 'tod‸'"), ['today'], 'today', 'today()'],
    ['a method after a value', base("formulas:\n  x: 'status.low‸'"), ['lower'], 'lower', 'lower()'],
    ['a method of a string literal', base("formulas:\n  x: '\"a\".sta‸'"), ['startsWith'], 'startsWith', 'startsWith'],
    ['a filter item', base('filters:\n  and:\n    - file.inF‸'), ['inFolder'], 'inFolder', 'inFolder'],
    ['a filter key', base('filters:\n  o‸'), ['or'], 'or', 'or: '],
    ['an order column', base('views:\n  - type: table\n    order:\n      - note.st‸'), ['note.status'], 'note.status', 'note.status'],
    ['a formula column', base('formulas:\n  ppu: price / 2\nviews:\n  - type: table\n    order:\n      - form‸'), ['formula.ppu'], 'formula.ppu', 'formula.ppu'],
    ['a sort key', base('views:\n  - type: table\n    sort:\n      - dir‸'), ['direction'], 'direction', 'direction: '],
    ['a sort direction', base('views:\n  - type: table\n    sort:\n      - property: file.name\n        direction: ‸'), ['ASC', 'DESC'], 'DESC', 'DESC'],
    ['a groupBy property', base('views:\n  - type: table\n    groupBy:\n      property: file.‸'), ['file.name', 'file.folder'], 'file.name', 'file.name'],
    ['a summary column as a key', base('views:\n  - type: table\n    summaries:\n      note.pr‸'), ['note.price'], 'note.price', 'note.price: '],
    ['a built-in summary', base('views:\n  - type: table\n    summaries:\n      note.price: Av‸'), ['Average'], 'Average', 'Average'],
    ['a summary of the block', base('summaries:\n  spread: values.max() - values.min()\nviews:\n  - type: table\n    summaries:\n      note.price: spr‸'), ['spread'], 'spread', 'spread'],
    ['`values` in a summary formula', base('summaries:\n  spread: val‸'), ['values'], 'values', 'values'],
    ['a property key', base('properties:\n  note.ow‸'), ['note.owner'], 'note.owner', 'note.owner: '],
    ['a property only the edited doc has', `---\nreviewer: kim\n---\n${base("filters: 'revi‸'")}`, ['reviewer'], 'reviewer', 'reviewer'],
    ['a key of a block in a list item', '- Q:\n  ```base\n  views:\n    - ty‸\n  ```\n', ['type'], 'type', 'type: '],
  ])('%s', (_name, marked, expected, label, insert) => {
    const items = complete(marked);
    expect(labels(items)).toEqual(expect.arrayContaining(expected));
    expect(inserted(items, label)).toBe(insert);
  });

  it.each([
    [base("formulas:\n  x: 'i‸'"), 'if', 'function, 2–3 arguments'],
    [base("formulas:\n  x: 'ma‸'"), 'max', 'function, at least 1 argument'],
    [base("formulas:\n  x: 'status.spl‸'"), 'split', 'method, 1–2 arguments'],
    [base("formulas:\n  x: 'ima‸'"), 'image', 'function, 1 argument (renders in Obsidian only)'],
    [dql('LIST WHERE arr‸'), 'array', 'function, any number of arguments'],
  ])('%s: %s says how many arguments it takes', (marked, label, detail) => {
    expect(complete(marked).find((i) => i.label === label)?.detail).toBe(detail);
  });

  it.each([
    ['inside a string of the expression', base("filters: 'file.hasTag(\"o‸\")'")],
    ['after a value, where an operator comes', base("filters: 'status ‸'")],
    ['the decimals of a number', base("formulas:\n  x: '2.‸'")],
    ['a view name', base('views:\n  - type: table\n    name: Ac‸')],
    ['a new formula name', base('formulas:\n  pp‸')],
    ['no link inside the block', base('views:\n  - name: "[[run‸')],
  ])('nothing %s', (_name, marked) => {
    expect(complete(marked)).toEqual([]);
  });

  it('a long expression is answered at once', () => {
    const start = performance.now();
    complete(base(`filters: '${'a'.repeat(50_000)})${' '.repeat(50_000)}‸'`));
    complete(base(`filters: '${'a.'.repeat(50_000)}‸'`));
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('only base keys at the top, nothing from the prose', () => {
    expect(labels(complete(base('‸')))).toEqual(['filters', 'formulas', 'properties', 'summaries', 'views']);
  });
});

describe('completion in a dataview block', () => {
  it.each([
    ['a query type', dql('‸'), ['LIST', 'TABLE', 'TASK'], 'TABLE', 'TABLE'],
    ['WITHOUT ID after TABLE', dql('TABLE wi‸'), ['WITHOUT ID'], 'WITHOUT ID', 'WITHOUT ID'],
    ['a field as a column', dql('TABLE sta‸'), ['status'], 'status', 'status'],
    ['a key that is no identifier, as Dataview names it', dql('TABLE due‸'), ['due-date'], 'due-date', 'due-date'],
    ['a command after a column', dql('TABLE status fr‸'), ['FROM'], 'FROM', 'FROM'],
    ['AS after a column', dql('TABLE status a‸'), ['AS'], 'AS', 'AS'],
    ['a folder after FROM "', dql('LIST FROM "run‸'), ['runbooks', 'runbooks/db'], 'runbooks', 'runbooks"'],
    ['a folder, the string already closed', dql('LIST FROM "run‸"'), ['runbooks'], 'runbooks', 'runbooks'],
    ['a tag after FROM #', dql('LIST FROM #on‸'), ['oncall'], 'oncall', 'oncall'],
    ['a parent tag after FROM #', dql('LIST FROM #‸'), ['ops', 'ops/db', 'oncall'], 'ops/db', 'ops/db'],
    ['a command after a source', dql('LIST FROM #ops wh‸'), ['WHERE'], 'WHERE', 'WHERE'],
    ['a file field after file.', dql('LIST WHERE file.fo‸'), ['folder'], 'folder', 'folder'],
    ['a file field inside a call', dql('LIST WHERE contains(file.‸'), ['tags', 'outlinks', 'inlinks'], 'tags', 'tags'],
    ['a function', dql('LIST WHERE dateform‸'), ['dateformat'], 'dateformat', 'dateformat'],
    ['a field after WHERE', dql('LIST\nWHERE ‸'), ['status', 'owner', 'file', 'this', 'length'], 'owner', 'owner'],
    ['ASC and DESC after a sort key', dql('LIST SORT file.name ‸'), ['ASC', 'DESC', 'LIMIT'], 'DESC', 'DESC'],
    ['BY after GROUP', dql('TABLE rows GROUP ‸'), ['BY'], 'BY', 'BY'],
    ['GROUP BY as one', dql('LIST WHERE status gr‸'), ['GROUP BY'], 'GROUP BY', 'GROUP BY'],
    ['a field after GROUP BY', dql('LIST GROUP BY ow‸'), ['owner'], 'owner', 'owner'],
    ['a command after a lower-case one', dql('list from #ops ‸'), ['WHERE', 'SORT'], 'SORT', 'SORT'],
    ['a field of this page after this.', dql('LIST WHERE this.ow‸'), ['owner'], 'owner', 'owner'],
    ['a file field of this page', dql('LIST WHERE this.file.na‸'), ['name'], 'name', 'name'],
    ['a field only the edited doc has', `---\nReview Date: 2026-01-05\n---\n${dql('LIST WHERE revi‸')}`, ['review-date'], 'review-date', 'review-date'],
    ['in a quote', '> ```dataview\n> LIST FROM #‸\n> ```\n', ['oncall'], 'oncall', 'oncall'],
  ])('%s', (_name, marked, expected, label, insert) => {
    const items = complete(marked);
    expect(labels(items)).toEqual(expect.arrayContaining(expected));
    expect(inserted(items, label)).toBe(insert);
  });

  it.each([
    ['a second FROM', dql('LIST FROM #ops WHERE status ‸'), 'FROM'],
    ['FROM in a WHERE', dql('LIST WHERE ‸'), 'FROM'],
    ['a field after a value', dql('LIST WHERE status ‸'), 'owner'],
    ['a tag outside FROM', dql('LIST WHERE #‸'), 'ops'],
  ])('not %s', (_name, marked, label) => {
    expect(labels(complete(marked))).not.toContain(label);
  });

  it.each([
    ['inside a string of WHERE', dql('LIST WHERE status = "dra‸"')],
    ['right after FROM, where a source comes', dql('LIST FROM ‸')],
    ['after LIMIT', dql('LIST LIMIT ‸')],
    ['in a dataviewjs block', '```dataviewjs\ndv.‸\n```\n'],
    ['on the fence line', '```dataview‸\nLIST\n```\n'],
  ])('nothing %s', (_name, marked) => {
    expect(complete(marked)).toEqual([]);
  });
});
