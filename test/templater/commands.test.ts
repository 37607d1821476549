/**
 * The Templater scanner: commands found with their offsets, and the date commands git history can fill.
 *
 * In: `<% tp.date.now("YYYY-MM-DD") %>` → `{ format: 'YYYY-MM-DD', date: 'now' }`
 */
import { describe, expect, it } from 'vitest';
import { templaterCommands, templaterDateCommand, type TemplaterDate } from '../../src/templater/commands.ts';

describe('templaterCommands', () => {
  it('finds commands with their offsets', () => {
    expect(templaterCommands('a <% x %> b <%* y %>')).toEqual([
      { start: 2, end: 9, text: '<% x %>', closed: true },
      { start: 12, end: 20, text: '<%* y %>', closed: true },
    ]);
  });
});

describe('templaterDateCommand', () => {
  const cases: Array<[string, TemplaterDate | undefined]> = [
    ['<% tp.date.now("YYYY-MM-DD") %>', { format: 'YYYY-MM-DD', date: 'now' }],
    ["<% tp.date.now('dddd, MMMM Do') %>", { format: 'dddd, MMMM Do', date: 'now' }],
    ['<%tp.date.now()%>', { format: 'YYYY-MM-DD', date: 'now' }],
    ['<%- tp.file.creation_date("YYYY-MM-DD HH:mm") -%>', { format: 'YYYY-MM-DD HH:mm', date: 'created' }],
    ['<% tp.file.creation_date() %>', { format: 'YYYY-MM-DD HH:mm', date: 'created' }],
    ['<%_ tp.file.last_modified_date(`YYYY`) _%>', { format: 'YYYY', date: 'modified' }],
    ['tp.date.now("YYYY-MM-DD")', { format: 'YYYY-MM-DD', date: 'now' }],
    // An offset makes a date the author must choose; a script command prints nothing; anything else is no date.
    ['<% tp.date.now("YYYY-MM-DD", 90) %>', undefined],
    ['<%* tp.date.now("YYYY-MM-DD") %>', undefined],
    ['<% tp.date.now("YYYY-MM-DD") + " UTC" %>', undefined],
    ['<% tp.date.now(fmt) %>', undefined],
    ['<% tp.date.now("[\\"]YYYY") %>', undefined],
    ['<% tp.file.title %>', undefined],
  ];

  it.each(cases)('%s', (command, expected) => {
    expect(templaterDateCommand(command)).toEqual(expected);
  });
});
