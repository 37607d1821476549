import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/vault/atomic-write.ts';

/** The next call of the named function fails with this code (after writing half the text, for writeFile). */
const failNext = vi.hoisted(() => ({}) as Partial<Record<'writeFile' | 'rename' | 'link', string>>);

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const failure = (name: keyof typeof failNext) => {
    const code = failNext[name];
    delete failNext[name];
    return code && Object.assign(new Error(`${name} failed`), { code });
  };
  return {
    ...fs,
    writeFile: async (file: string, text: string, options?: object) => {
      const error = failure('writeFile');
      if (!error) return fs.writeFile(file, text, options);
      await fs.writeFile(file, text.slice(0, text.length / 2), options);
      throw error;
    },
    rename: async (from: string, to: string) => {
      const error = failure('rename');
      if (error) throw error;
      return fs.rename(from, to);
    },
    link: async (from: string, to: string) => {
      const error = failure('link');
      if (error) throw error;
      return fs.link(from, to);
    },
  };
});

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder holding `a.txt` with `old`, mode 0o664 (which a 022 umask would narrow), unless `empty`. */
function folder(empty = false): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-atomic-'));
  temps.push(dir);
  const file = join(dir, 'a.txt');
  if (!empty) {
    writeFileSync(file, 'old');
    chmodSync(file, 0o664);
  }
  return { dir, file };
}

describe('writeFileAtomic', () => {
  it('creates a file, leaving nothing else in its folder', async () => {
    const { dir, file } = folder(true);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('overwrites a file and keeps its mode', async () => {
    const { dir, file } = folder();
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o7777).toBe(0o664);
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it.each([
    ['writeFile', 'ENOSPC'],
    ['rename', 'EIO'],
  ] as const)('when %s fails (%s), the original stays whole and no temporary file is left', async (step, code) => {
    const { dir, file } = folder();
    failNext[step] = code;
    await expect(writeFileAtomic(file, 'a much longer new text')).rejects.toMatchObject({ code });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it.each([
    ['hard links', undefined],
    ['no hard links', 'EPERM'],
  ] as const)('exclusive, with %s: creates a new file, refuses an existing one with EEXIST', async (_, linkFails) => {
    const { dir, file } = folder(true);
    if (linkFails) failNext.link = linkFails;
    await writeFileAtomic(file, 'new', { exclusive: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    if (linkFails) failNext.link = linkFails;
    await expect(writeFileAtomic(file, 'newer', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});
