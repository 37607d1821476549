/**
 * Which program the extension starts as the language server, from the `shipshape.path` setting and the workspace
 * folder: the setting when given (relative to the folder), else the folder's own `node_modules/.bin/shipshape` (the
 * version the team pinned, as `npx shipshape` would pick), else `shipshape` on the PATH.
 *
 * In: `serverCommand({ setting: '', folder: '/repo', platform: 'linux', exists: () => true })`
 * Out: `{ command: '/repo/node_modules/.bin/shipshape', shell: false }`
 */
import * as path from 'node:path';

export interface ServerCommandInput {
  /** `shipshape.path` as configured, `''` when unset. */
  setting: string;
  /** The workspace folder's path on disk: the server's working directory, where it finds the vault. */
  folder: string;
  /** `process.platform`: on Windows npm's bin shims are `.cmd` files, which Node runs only through a shell. */
  platform: NodeJS.Platform;
  /** Whether a file exists (injected so the choice is testable without a disk). */
  exists: (file: string) => boolean;
}

export interface ServerCommand {
  command: string;
  /** Spawn through a shell: needed for a Windows `.cmd` shim (https://nodejs.org/en/blog/vulnerability/april-2024-security-releases-2). */
  shell: boolean;
}

export function serverCommand({ setting, folder, platform, exists }: ServerCommandInput): ServerCommand {
  const windows = platform === 'win32';
  const paths = windows ? path.win32 : path.posix;
  const trimmed = setting.trim();
  let command: string;
  if (trimmed) {
    // A bare name (`shipshape`) is looked up on the PATH; anything with a separator is a path.
    command = /[\\/]/.test(trimmed) ? paths.resolve(folder, trimmed) : trimmed;
  } else {
    const local = paths.join(folder, 'node_modules', '.bin', windows ? 'shipshape.cmd' : 'shipshape');
    command = exists(local) ? local : 'shipshape';
  }
  const shell = windows && !/\.exe$/i.test(command);
  // Through a shell the command line is joined unquoted, so a path with spaces is quoted here.
  return { command: shell && /\s/.test(command) ? `"${command}"` : command, shell };
}
