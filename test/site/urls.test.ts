import { describe, expect, it } from 'vitest';
import { assignSlugs, fileUrl, pageUrl, slugOf, slugSegment } from '../../src/site/urls.ts';
import { vaultPath } from '../../src/vault/vault-path.ts';

describe('slugSegment', () => {
  it.each([
    ['Deployment Strategy', 'deployment-strategy'],
    ['Roll back #2?', 'roll-back-2'],
    ['100% done & dusted', '100-done-dusted'],
    ['Dépannage réseau', 'dépannage-réseau'],
    ['運用手順', '運用手順'],
    ['snake_case name', 'snake-case-name'],
    ['v1.2 notes', 'v1.2-notes'],
    ['???', 'untitled'],
    ['trailing dot.', 'trailing-dot'],
  ])('%j → %j', (segment, slug) => {
    expect(slugSegment(segment)).toBe(slug);
  });
});

describe('slugOf', () => {
  it.each([
    ['tags/On Call', 'tags/on-call'],
    ['tags/team/SRE_Core', 'tags/team/sre-core'],
    ['deployments/services/api-2', 'deployments/services/api-2'],
    ['', ''],
  ])('%j → %j', (path, slug) => {
    expect(slugOf(path)).toBe(slug);
  });
});

describe('assignSlugs', () => {
  it('keeps folders and makes colliding names unique in path order', () => {
    const { docs, folders } = assignSlugs(['Runbooks/Roll back #2?.md', 'Runbooks/roll-back-2.md', 'index.md']);
    expect(docs.get('Runbooks/Roll back #2?.md')).toBe('runbooks/roll-back-2');
    expect(docs.get('Runbooks/roll-back-2.md')).toBe('runbooks/roll-back-2-2');
    expect(docs.get('index.md')).toBe('index');
    expect(folders.get('')).toBe('');
    expect(folders.get('Runbooks')).toBe('runbooks');
  });

  it('never gives a doc the URL of a folder page or of the site’s own pages', () => {
    const { docs, folders } = assignSlugs(['strategy.md', 'strategy/a.md', 'tags.md', 'health/x.md']);
    expect(folders.get('strategy')).toBe('strategy');
    expect(docs.get('strategy.md')).toBe('strategy-2');
    expect(docs.get('tags.md')).toBe('tags-2');
    expect(folders.get('health')).toBe('health-2');
    expect(docs.get('health/x.md')).toBe('health-2/x');
  });

  it('gives folders differing only in case their own slugs', () => {
    const { docs } = assignSlugs(['Ops/a.md', 'ops/a.md']);
    expect(new Set(docs.values()).size).toBe(2);
  });
});

describe('URLs', () => {
  it('puts pages under the base with a trailing slash', () => {
    expect(pageUrl('/', slugOf('a/b'))).toBe('/a/b/');
    expect(pageUrl('/kb/', slugOf('a'))).toBe('/kb/a/');
    expect(pageUrl('/kb/', slugOf(''))).toBe('/kb/');
  });

  it('takes no vault path for a slug, nor a slug for a vault path: each is a type error', () => {
    // @ts-expect-error a vault path where a slug is meant
    expect(pageUrl('/', vaultPath('runbooks/Rollback.md'))).toBe('/runbooks/Rollback.md/');
    // @ts-expect-error a slug where a vault path is meant
    expect(fileUrl('/', slugOf('runbooks/rollback'))).toBe('/runbooks/rollback');
  });

  it('percent-encodes each segment of an attachment path', () => {
    expect(fileUrl('/kb/', vaultPath('attachments/flow #1?.png'))).toBe('/kb/attachments/flow%20%231%3F.png');
  });
});

describe('URLs from the composed form (NFC), whichever form the file system wrote', () => {
  const nfd = (text: string) => text.normalize('NFD');
  it.each<[string, string]>([
    ['notes/Notiz über Rollback.md', 'notes/notiz-über-rollback'],
    ['Übersicht/Café.md', 'übersicht/café'],
  ])('%s saved as NFD → /%s/', (path, slug) => {
    expect(assignSlugs([nfd(path)]).docs.get(nfd(path))).toBe(slug.normalize('NFC'));
    expect(assignSlugs([path.normalize('NFC')]).docs.get(path.normalize('NFC'))).toBe(slug.normalize('NFC'));
  });

  it('an attachment saved as NFD is published and addressed under its NFC name', () => {
    const path = vaultPath(nfd('img/Diagramm für Überblick.png'));
    expect(fileUrl('/', path)).toBe(`/img/${encodeURIComponent('Diagramm für Überblick.png'.normalize('NFC'))}`);
    expect(fileUrl('/', path)).toBe(fileUrl('/', vaultPath(path.normalize('NFC'))));
  });
});
