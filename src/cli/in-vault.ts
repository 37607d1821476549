/**
 * A path argument, once resolved, → its vault path: how `check`, `new` and `mv` tell a file of the vault from one
 * outside it. Node paths in, vault paths (`/` between segments) out; `''` is the vault's root.
 *
 * In: `inVault('/p/content', '/p/content/ops/deploy.md')` → `'ops/deploy.md'`; `inVault('/p/content', '/p/x.md')` → undefined
 */
import { isAbsolute, relative, sep } from 'node:path';

export function inVault(root: string, absolute: string): string | undefined {
  const path = relative(root, absolute);
  if (path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}
