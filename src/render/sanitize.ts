/**
 * Raw HTML under `html: 'sanitize'`. The whole tree is re-parsed with `hast-util-raw`, so a `<details>` opened in one
 * HTML block and closed in another still wraps the Markdown between, then cleaned with GitHub's schema (plus
 * `class` anywhere, and no `<style>`). What the renderer made itself is trusted and kept exactly: before parsing,
 * each of its elements trades its attributes for a key only this process knows; after cleaning, the key gives them
 * back. Heading ids, footnote ids, placeholders and Shiki's styles so survive unclobbered, and a `data-ss-link`
 * written in raw HTML does not.
 *
 * In: `<p>Hi <b onclick="x()">there</b></p><script>…</script>` → `<p>Hi <b>there</b></p>`
 */
import { randomBytes } from 'node:crypto';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';

const keyProperty = 'dataSsKeep';
const nonce = randomBytes(8).toString('hex');

const schema: Schema = {
  ...defaultSchema,
  // The renderer's own comments carry section offsets; others are dropped by `restore`.
  allowComments: true,
  strip: ['script', 'style'],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', keyProperty],
  },
};
const allowedTags = new Set(schema.tagNames);

interface Kept {
  element: Element;
  tagName: string;
  properties: Properties;
  /** Set for opaque elements (highlighted code), whose content is not re-parsed at all. */
  children?: ElementContent[];
}

/**
 * Sanitizes `tree` (which holds `raw` nodes) and returns the clean tree and, for each element of the renderer
 * that survived, the element that now stands for it.
 */
export function sanitizeTree(
  tree: Root,
  opaque: ReadonlySet<Element>,
  isOwnComment: (value: string) => boolean,
): { tree: Root; final: Map<Element, Element> } {
  const kept = setAside(tree, opaque);
  const clean = sanitize(raw(tree), schema) as Root;
  return { tree: clean, final: restore(clean, kept, isOwnComment) };
}

function setAside(tree: Root, opaque: ReadonlySet<Element>): Kept[] {
  const kept: Kept[] = [];
  const stack: Array<Root | Element> = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const entry: Kept = { element: child, tagName: child.tagName, properties: child.properties };
      child.properties = { [keyProperty]: `${nonce}:${kept.length}` };
      // Custom elements (`ss-embed`) pass as a span; block elements keep their name so parsing nests as it will in the browser.
      if (!allowedTags.has(child.tagName)) child.tagName = 'span';
      if (opaque.has(child)) {
        entry.children = child.children;
        child.children = [];
      } else {
        stack.push(child);
      }
      kept.push(entry);
    }
  }
  return kept;
}

function restore(tree: Root, kept: readonly Kept[], isOwnComment: (value: string) => boolean): Map<Element, Element> {
  const final = new Map<Element, Element>();
  const prefix = `${nonce}:`;
  const stack: Array<Root | Element> = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    if (parent.children.some((child) => child.type === 'comment' && !isOwnComment(child.value))) {
      parent.children = parent.children.filter((child: RootContent) => child.type !== 'comment' || isOwnComment(child.value)) as Element['children'];
    }
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const key = child.properties[keyProperty];
      const entry = typeof key === 'string' && key.startsWith(prefix) ? kept[Number(key.slice(prefix.length))] : undefined;
      if (!entry) {
        delete child.properties[keyProperty];
        stack.push(child);
        continue;
      }
      child.tagName = entry.tagName;
      child.properties = entry.properties;
      final.set(entry.element, child);
      if (entry.children) child.children = entry.children;
      else stack.push(child);
    }
  }
  return final;
}
