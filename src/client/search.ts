// Pagefind's UI loads on the first click of the search button (or `/`), not with every page.
const base = document.body.dataset.base ?? '/';
const container = document.getElementById('search');
let loaded: Promise<void> | undefined;

declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => unknown;
  }
}

function load(): Promise<void> {
  loaded ??= new Promise<void>((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${base}pagefind/pagefind-ui.css`;
    document.head.append(css);
    const script = document.createElement('script');
    script.src = `${base}pagefind/pagefind-ui.js`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('no search index'));
    document.head.append(script);
  }).then(() => {
    container!.replaceChildren();
    new window.PagefindUI!({ element: '#search', showSubResults: true, resetStyles: false, bundlePath: `${base}pagefind/` });
    container!.classList.add('search-ready');
    container!.querySelector<HTMLInputElement>('input')?.focus();
  });
  loaded.catch(() => {
    container!.querySelector('button')!.textContent = 'Search is built with the site (shipshape build)';
  });
  return loaded;
}

container?.querySelector('button')?.addEventListener('click', () => void load());
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !target.isContentEditable) {
    event.preventDefault();
    void load().then(() => container!.querySelector<HTMLInputElement>('input')?.focus());
  }
});
