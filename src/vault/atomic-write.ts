/**
 * Writes a file whole or not at all. The text goes to a temporary file beside it (same folder, so same file
 * system), which then takes the file's name in one step: a reader, or a parallel build, sees the old file or the new
 * one, never half of one. A failed write leaves the old file as it was and no temporary file behind; overwriting
 * keeps the old file's permissions. Nothing is fsynced: these are caches, reports and files the user can write again.
 *
 * With `exclusive`, the file must not exist: the temporary file is hard-linked to the name, which (unlike `rename`)
 * fails with EEXIST when the name exists, even when it appeared meanwhile. On a file system without hard links, an
 * exclusive create still never overwrites; it is only not atomic.
 *
 * In: `await writeFileAtomic('runs/api.ndjson', text)` → Out: `runs/api.ndjson` holds `text`, its mode unchanged
 */
import { chmod, link, rename, rm, stat, writeFile } from 'node:fs/promises';

/** Codes of file systems that have no hard links. */
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Makes each temporary name unique within the process, as the pid does between processes. */
let writes = 0;

export async function writeFileAtomic(file: string, text: string, options: { exclusive?: boolean } = {}): Promise<void> {
  const temp = `${file}.shipshape-${process.pid}-${++writes}.tmp`;
  try {
    // `wx`: never write through a file (or a link) that is already at the temporary name.
    await writeFile(temp, text, { flag: 'wx' });
    if (options.exclusive) {
      await link(temp, file).catch(async (error: NodeJS.ErrnoException) => {
        if (!noHardLinks.has(error.code ?? '')) throw error;
        await writeFile(file, text, { flag: 'wx' });
      });
    } else {
      // chmod rather than writeFile's `mode`, which the umask would narrow.
      const mode = await stat(file).then((s) => s.mode & 0o7777, () => undefined);
      if (mode !== undefined) await chmod(temp, mode);
      await rename(temp, file);
    }
  } finally {
    await rm(temp, { force: true });
  }
}
