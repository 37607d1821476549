/**
 * Rule `property-types-file`: `.obsidian/types.json`, which `property-type` checks frontmatter against, is JSON that
 * gives each property a type Obsidian has. Problems are found when the config is loaded (`src/vault/property-types.ts`)
 * and reported here, on the file, at the offending text: a broken file is a diagnostic, never a failed check.
 *
 * In: `{"types": {"status": "list"}}` → `1:23 Unexpected property type "list" for status, expected one of: …` (did you mean multitext?)
 */
import { defineVaultRule } from './rule.ts';

export const propertyTypesFile = defineVaultRule({
  id: 'property-types-file',
  description: '`.obsidian/types.json` is JSON naming one of Obsidian\'s property types for each property.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'Obsidian writes `.obsidian/types.json` itself, but a hand edit or a merge can break it. The scan skips `.obsidian/`',
    'for docs; this one file is read as config, with the vault. A file that is not JSON is reported where the JSON',
    'breaks and no property is checked; a property with an unknown type (`list` is the editor\'s name for `multitext`) is',
    'reported on its value and left unchecked, and the other properties are still checked by `property-type`.',
  ].join('\n'),
  examples: {
    ok: [{ title: 'Types Obsidian has', path: '.obsidian/types.json', markdown: '{\n  "types": {\n    "due": "date",\n    "tags": "tags"\n  }\n}\n' }],
    notOk: [
      {
        title: 'A type Obsidian does not have',
        path: '.obsidian/types.json',
        markdown: '{\n  "types": {\n    "due": "date",\n    "status": "list"\n  }\n}\n',
        expect: ['4:15 Unexpected property type "list" for status, expected one of: aliases, checkbox, date, datetime, multitext, number, tags, text'],
      },
      {
        title: 'Not JSON: a trailing comma',
        path: '.obsidian/types.json',
        markdown: '{\n  "types": {\n    "due": "date",\n  }\n}\n',
        expect: ['4:3 Unexpected text in .obsidian/types.json, expected JSON'],
      },
    ],
  },
  check(_index, _facts, context) {
    const file = context.config.propertyTypes;
    if (!file) return;
    for (const problem of file.problems) context.report(file.path, problem);
  },
});
