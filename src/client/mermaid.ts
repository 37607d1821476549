// Draws the page's diagrams with mermaid's own bundle (published beside the site, loaded only here), in the
// current theme, and again when the theme changes. A diagram that fails keeps its source and shows the error.
// A diagram is drawn when it nears the viewport: mermaid costs seconds of main thread on a phone, which a reader
// who never scrolls to the diagram should not pay (Lighthouse: Total Blocking Time).
import { mermaidPath } from '../site/urls.ts';

interface Mermaid {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}

const base = document.body.dataset.base ?? '/';
const blocks = [...document.querySelectorAll<HTMLPreElement>('pre.mermaid')].map((pre, i) => ({
  pre,
  source: pre.textContent ?? '',
  id: `mermaid-${i}`,
  /** Where the diagram is drawn, once it is: the block has left the page by then, so a redraw must not look from it. */
  figure: undefined as HTMLElement | undefined,
}));

type Block = (typeof blocks)[number];
const drawn = new Set<Block>();
/** Draws run one after another: two at once would share mermaid's global configuration. */
let queue = Promise.resolve();

async function draw(targets: readonly Block[]): Promise<void> {
  const url = `${base}${mermaidPath}mermaid.esm.min.mjs`;
  const mermaid = ((await import(/* @vite-ignore */ url)) as { default: Mermaid }).default;
  const dark = document.documentElement.dataset.theme === 'dark';
  // The dark theme's edge labels (#ccc on #585858) miss WCAG AA contrast by a hair; a darker label background fixes it.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default', ...(dark ? { themeVariables: { edgeLabelBackground: '#3d444d' } } : {}) });
  for (const block of targets) {
    let figure = block.figure ?? block.pre.closest<HTMLElement>('.diagram');
    if (!figure) {
      figure = document.createElement('figure');
      figure.className = 'diagram';
      block.pre.replaceWith(figure);
    }
    block.figure = figure;
    try {
      const { svg } = await mermaid.render(block.id, block.source);
      figure.classList.remove('diagram-error');
      figure.innerHTML = svg;
      const drawn = figure.querySelector('svg');
      drawn?.setAttribute('role', 'img');
      if (drawn && !drawn.hasAttribute('aria-label') && !drawn.querySelector('title')) {
        drawn.setAttribute('aria-label', `Diagram: ${block.source.trim().split(/\s/, 1)[0]}`);
      }
    } catch (error) {
      figure.classList.add('diagram-error');
      figure.replaceChildren(block.pre);
      const caption = document.createElement('figcaption');
      caption.textContent = `Diagram error: ${(error as Error).message}`;
      figure.append(caption);
      document.getElementById(`d${block.id}`)?.remove();
    }
  }
}

function schedule(targets: readonly Block[]) {
  // A failed load (no bundle published) is reported, and does not stop later draws.
  if (targets.length > 0) queue = queue.then(() => draw(targets)).catch((error: unknown) => console.error('Diagrams could not be drawn:', error));
}

const observer = new IntersectionObserver(
  (entries) => {
    const near = blocks.filter((block) => !drawn.has(block) && entries.some((entry) => entry.isIntersecting && entry.target === block.pre));
    for (const block of near) {
      observer.unobserve(block.pre);
      drawn.add(block);
    }
    schedule(near);
  },
  { rootMargin: '200px 0px' },
);
for (const block of blocks) observer.observe(block.pre);
document.addEventListener('shipshape:theme', () => schedule([...drawn]));
