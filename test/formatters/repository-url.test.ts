/** The URL SARIF's `informationUri` and each rule's `helpUri` (`<url>#<rule-id>`) are built on, from package.json. */
import { expect, test } from 'vitest';
import { defaultRepositoryUrl, repositoryUrl } from '../../src/cli/output.ts';

test.each<[name: string, pkg: Parameters<typeof repositoryUrl>[0], expected: string]>([
  ['homepage first, its fragment dropped', { homepage: 'https://github.com/acme/shipshape#readme', repository: 'acme/other' }, 'https://github.com/acme/shipshape'],
  ['repository as owner/name', { repository: 'acme/shipshape' }, 'https://github.com/acme/shipshape'],
  ['repository as github:owner/name', { repository: 'github:acme/shipshape' }, 'https://github.com/acme/shipshape'],
  ['repository object with a git+https URL', { repository: { url: 'git+https://github.com/acme/shipshape.git' } }, 'https://github.com/acme/shipshape'],
  ['repository as an SSH URL', { repository: 'git@gitlab.com:acme/shipshape.git' }, 'https://gitlab.com/acme/shipshape'],
  ['neither: the documented constant', {}, defaultRepositoryUrl],
])('%s', (_name, pkg, expected) => {
  expect(repositoryUrl(pkg)).toBe(expected);
});
