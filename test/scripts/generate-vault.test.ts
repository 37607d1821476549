import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { generateVault, vaultBytes } from '../../scripts/generate-vault.ts';

/** The repo's own schemas: the generator must produce data they accept, bar the few docs broken on purpose. */
function loadSchemas(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  ajvFormats.default(ajv);
  const dir = path.resolve(import.meta.dirname, '../../schemas');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json') && f !== 'config.schema.json')) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as object);
  }
  return ajv;
}
const schemaUrl = (name: string): string => `https://shipshape.dev/schemas/${name}.schema.json`;

const docTypes = new Set(['strategy', 'runbook', 'environment', 'service', 'release', 'guide']);

const markdown = (files: Map<string, string>): Array<[string, string]> => [...files].filter(([p]) => p.endsWith('.md'));
const notes = (files: Map<string, string>): Array<[string, string]> => markdown(files).filter(([p]) => !p.startsWith('templates/'));

/** Every wikilink (embeds excluded) outside templates, and whether its note exists (Obsidian: by name, or by path). */
function wikilinks(files: Map<string, string>): Array<{ target: string; exists: boolean }> {
  const names = new Set<string>();
  const paths = new Set<string>();
  for (const [p] of markdown(files)) {
    paths.add(p.slice(0, -3).toLowerCase());
    names.add(p.slice(p.lastIndexOf('/') + 1, -3).toLowerCase());
  }
  return notes(files).flatMap(([, content]) =>
    [...content.matchAll(/(?<!!)\[\[([^\]|#]+)[^\]]*\]\]/g)].map((m) => {
      const target = (m[1] ?? '').toLowerCase();
      return { target, exists: target.includes('/') ? paths.has(target) : names.has(target) };
    }),
  );
}

describe('generateVault', () => {
  it('is deterministic: same options, byte-identical files', () => {
    const a = generateVault({ docs: 200, seed: 7 });
    const b = generateVault({ docs: 200, seed: 7 });
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [p, content] of a) expect(b.get(p), p).toBe(content);
  });

  it('gives a different vault for a different seed', () => {
    const a = generateVault({ docs: 200, seed: 1 });
    const b = generateVault({ docs: 200, seed: 2 });
    const same = [...a].filter(([p, content]) => b.get(p) === content && p.endsWith('.md')).length;
    expect(same).toBeLessThan(10);
  });

  it('rejects fewer than 10 docs', () => {
    expect(() => generateVault({ docs: 5 })).toThrow(RangeError);
  });

  describe('a small vault (50 docs)', () => {
    const files = generateVault({ docs: 50, seed: 1 });
    const paths = [...files.keys()];

    it('has exactly the requested number of Markdown docs', () => {
      expect(markdown(files)).toHaveLength(50);
    });

    it.each([
      ['infrastructure/'],
      ['operations/'],
      ['development/'],
      ['services/'],
      ['runbooks/'],
      ['environments/'],
      ['templates/'],
      ['attachments/'],
    ])('has docs under %s', (folder) => {
      expect(paths.some((p) => p.startsWith(folder))).toBe(true);
    });

    it('nests service docs in services/<name>/', () => {
      expect(paths.some((p) => /^services\/[^/]+\/[^/]+\.md$/.test(p))).toBe(true);
    });

    it('declares the templates folder for Obsidian', () => {
      expect(JSON.parse(files.get('.obsidian/templates.json') ?? 'null')).toEqual({ folder: 'templates' });
    });

    it('uses Templater syntax in templates', () => {
      const templates = markdown(files).filter(([p]) => p.startsWith('templates/'));
      expect(templates.length).toBeGreaterThan(0);
      for (const [p, content] of templates) expect(content, p).toContain('<% tp.');
    });

    it('gives most notes frontmatter with a title and a known type', () => {
      const withFrontmatter = notes(files).filter(([, c]) => c.startsWith('---\ntitle: '));
      expect(withFrontmatter.length / notes(files).length).toBeGreaterThan(0.8);
      const types = withFrontmatter.map(([, c]) => /^type: (.*)$/m.exec(c)?.[1]);
      expect(types.filter((t) => t !== undefined && docTypes.has(t)).length / types.length).toBeGreaterThan(0.9);
    });

    it('has wikilinks, a few of them broken', () => {
      const links = wikilinks(files);
      const broken = links.filter((l) => !l.exists).length;
      expect(links.length).toBeGreaterThan(100);
      expect(broken).toBeGreaterThan(0);
      expect(broken / links.length).toBeLessThan(0.15);
    });

    it.each([
      ['mermaid blocks', /^\s*```mermaid$/m],
      ['bash blocks', /^\s*```bash$/m],
      ['headings with emoji', /^## \p{Extended_Pictographic}/mu],
      ['heading links', /\[\[[^\]|#]+#[^\]]+\]\]/],
      ['aliased links', /\[\[[^\]|]+\|[^\]]+\]\]/],
      ['image embeds', /!\[\[[^\]]+\.(png|svg)(\|\d+)?\]\]/],
      ['callouts', /^> \[!\w+\][-+]?/m],
      ['task lists', /^\s*- \[[ x]\] /m],
      ['change-log tables', /^\| Date \| Change \| Author \|$/m],
      ['inline tags', /(^|\s)#[a-z][\w/-]*/m],
      ['Markdown links to notes', /\]\((\.{1,2}\/|<)?[^)]+\.md>?\)/],
    ])('has %s', (_, pattern) => {
      expect(notes(files).some(([, c]) => pattern.test(c))).toBe(true);
    });

    it('embeds attachments that exist', () => {
      const embedded = notes(files).flatMap(([, c]) => [...c.matchAll(/!\[\[([^\]|#]+\.(?:png|svg))/g)].map((m) => m[1]));
      expect(embedded.some((name) => files.has(`attachments/${name}`))).toBe(true);
    });
  });

  describe('the default-size vault (3000 docs)', () => {
    const files = generateVault({ docs: 3000, seed: 1 });
    const all = notes(files);
    const share = (pattern: RegExp): number => all.filter(([, c]) => pattern.test(c)).length / all.length;

    it('totals 8–12 MB and scales with --docs', () => {
      const big = vaultBytes(files);
      expect(big).toBeGreaterThan(8e6);
      expect(big).toBeLessThan(12e6);
      const small = vaultBytes(generateVault({ docs: 300, seed: 1 }));
      expect(small / big).toBeGreaterThan(0.07);
      expect(small / big).toBeLessThan(0.13);
    });

    it('varies doc sizes', () => {
      const sizes = all.map(([, c]) => Buffer.byteLength(c)).sort((a, b) => a - b);
      expect(sizes[Math.floor(sizes.length * 0.1)]).toBeLessThan(1500);
      expect(sizes[Math.floor(sizes.length * 0.9)]).toBeGreaterThan(5000);
    });

    it('breaks about 5% of wikilinks', () => {
      const links = wikilinks(files);
      const broken = links.filter((l) => !l.exists).length / links.length;
      expect(broken).toBeGreaterThan(0.03);
      expect(broken).toBeLessThan(0.08);
    });

    it.each([
      ['Templater placeholders in frontmatter', /^created: <% tp\.date\.now\("YYYY-MM-DD"\) %>$/m, 0.015, 0.06],
      ['an invalid status', /^status: "?(wip|WIP|done|in progress)"?$/m, 0.001, 0.03],
      ['a deployment_plan block', /deployment_plan/, 0.1, 0.9],
      ['a fence closed with ```text', /^\s*```text$/m, 0.005, 0.05],
      ['a template change-log row', /^\| YYYY-MM-DD \| Initial version \| Name \|$/m, 0.1, 0.6],
      ['aliases', /^aliases: \[/m, 0.05, 0.3],
    ])('gives a share of notes %s', (_, pattern, min, max) => {
      expect(share(pattern)).toBeGreaterThan(min);
      expect(share(pattern)).toBeLessThan(max);
    });

    it('writes frontmatter the schemas accept, except ~2% broken on purpose', () => {
      const ajv = loadSchemas();
      const checked = all
        .filter(([, c]) => c.startsWith('---\n') && !c.includes('<% tp.'))
        .map(([p, c]) => {
          const data: unknown = YAML.parse(c.slice(4, c.indexOf('\n---\n', 4)));
          const type = (data as { type?: unknown }).type;
          const id = typeof type === 'string' && ajv.getSchema(schemaUrl(type)) !== undefined ? schemaUrl(type) : schemaUrl('doc');
          return { p, valid: ajv.validate(id, data) };
        });
      const invalid = checked.filter((r) => !r.valid).length / checked.length;
      expect(checked.length).toBeGreaterThan(2500);
      expect(invalid).toBeGreaterThan(0.005);
      expect(invalid).toBeLessThan(0.04);
    });

    it('writes deployment plans the schema accepts, except a few', () => {
      const ajv = loadSchemas();
      /** Parsed block, or undefined when the block is not even valid YAML/JSON (about 1% are, on purpose). */
      const parse = (text: string, parser: (t: string) => unknown): unknown => {
        try {
          return parser(text);
        } catch {
          return undefined;
        }
      };
      const plans = all.flatMap(([, c]) => [
        ...[...c.matchAll(/^```yaml\n(deployment_plan:\n[\s\S]*?)^```$/gm)].map((m) => parse(m[1] ?? '', YAML.parse)),
        ...[...c.matchAll(/^```json\n(\{\n {2}"deployment_plan"[\s\S]*?)^```$/gm)].map((m) => parse(m[1] ?? '', JSON.parse)),
      ]);
      const invalid = plans.filter((plan) => plan === undefined || !ajv.validate(schemaUrl('deployment-plan'), plan)).length / plans.length;
      expect(plans.length).toBeGreaterThan(300);
      expect(invalid).toBeGreaterThan(0);
      expect(invalid).toBeLessThan(0.05);
    });

    it('links to headings that do not exist, sometimes', () => {
      const headingLinks = all.flatMap(([, c]) => [...c.matchAll(/\[\[[^\]|#]+#([^\]|]+)/g)].map((m) => m[1]));
      expect(headingLinks.filter((h) => h === 'Troubleshooting Guide' || h === 'Rollback Procedure').length).toBeGreaterThan(0);
    });
  });
});
