/**
 * What a build says it published and left out: one line for every build log, and the full list for `--verbose` and
 * the file the build writes beside its cache, so nobody has to guess what reached (or did not reach) the site.
 *
 * In: a site of 3 docs and 1 attachment that left out a draft and 2 unused files
 *   → `{ line: 'published 3 docs and 1 attachment; left out 1 doc (draft) and 2 files no published doc uses', list: 'left out  drafts/a.md  draft\n…' }`
 */
import type { LeftOutReason } from '../publish/scope.ts';
import type { SiteModel } from './build-site.ts';

const reasonOrder: LeftOutReason[] = ['template', 'site.exclude', 'publish: false', 'draft', 'not publish: true'];

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function publishSummary(site: Pick<SiteModel, 'pages' | 'attachments' | 'leftOut'>): { line: string; list: string } {
  const { docs, files } = site.leftOut;
  const reasons = reasonOrder.filter((reason) => [...docs.values()].includes(reason));
  const unused = [...files.values()].filter((why) => why === 'unused').length;
  const excluded = files.size - unused;
  const leftOut = [
    docs.size > 0 ? `${count(docs.size, 'doc')} (${reasons.join(', ')})` : '',
    unused > 0 ? `${count(unused, 'file')} no published doc uses` : '',
    excluded > 0 ? `${count(excluded, 'file')} by site.exclude` : '',
  ].filter(Boolean);
  const line =
    `published ${count(site.pages.length, 'doc')} and ${count(site.attachments.length, 'attachment')}; ` +
    `left out ${leftOut.length > 0 ? leftOut.join(' and ').replace(/ and (?=[^]* and )/, ', ') : 'nothing'}`;
  const rows = [
    ...[...docs].map(([path, reason]) => `doc   ${path}  (${reason})`),
    ...[...files].map(([path, why]) => `file  ${path}  (${why === 'unused' ? 'no published doc uses it' : why})`),
  ];
  return { line, list: rows.length > 0 ? `${rows.join('\n')}\n` : '' };
}
