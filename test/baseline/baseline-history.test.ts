/** The baseline's size over git history: one point per commit that changed it, newest first. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeBaseline, type BaselineEntry } from '../../src/baseline/baseline-file.ts';
import { baselineHistory } from '../../src/baseline/baseline-history.ts';
import { makeTemp, removeTemp } from '../cli/run-cli.ts';

const entry = (file: string, count?: number): BaselineEntry => ({ file, rule: 'broken-link', fingerprint: '0123456789abcdef', message: 'm', text: 'x', ...(count ? { count } : {}) });

let temp: string | undefined;
afterEach(() => {
  if (temp) removeTemp(temp);
  temp = undefined;
});

describe('baselineHistory', () => {
  it('counts the known problems at each commit that changed the file', async () => {
    temp = makeTemp();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: temp, stdio: 'pipe' });
    git('init', '-q');
    const path = join(temp, 'shipshape-baseline.json');
    writeFileSync(path, serializeBaseline([entry('a.md', 3), entry('b.md')]));
    git('add', '.');
    git('commit', '-q', '-m', 'write');
    writeFileSync(join(temp, 'other.md'), '# Other\n');
    git('add', '.');
    git('commit', '-q', '-m', 'unrelated');
    writeFileSync(path, serializeBaseline([entry('a.md', 2)]));
    git('commit', '-q', '-am', 'prune');
    writeFileSync(path, '{ not committed');

    const history = await baselineHistory(path);
    expect(history.map((point) => point.known)).toEqual([2, 4]);
    expect(history[0]!.commit).toMatch(/^[0-9a-f]{7,}$/);
    expect(history[0]!.date).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('outside git there is no history', async () => {
    temp = makeTemp();
    writeFileSync(join(temp, 'shipshape-baseline.json'), serializeBaseline([entry('a.md')]));
    expect(await baselineHistory(join(temp, 'shipshape-baseline.json'))).toEqual([]);
  });
});
