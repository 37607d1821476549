// Hover previews of internal links: the target page is fetched once, its body shown in a popup near the link.
const cache = new Map<string, Promise<DocumentFragment | undefined>>();
let popup: HTMLElement | undefined;
let timer: number | undefined;

function fetchPreview(url: string): Promise<DocumentFragment | undefined> {
  const key = url.split('#')[0]!;
  let entry = cache.get(key);
  if (!entry) {
    entry = fetch(key)
      .then((response) => (response.ok ? response.text() : undefined))
      .then((html) => {
        if (!html) return undefined;
        const page = new DOMParser().parseFromString(html, 'text/html');
        const article = page.querySelector('article');
        if (!article) return undefined;
        const fragment = document.createDocumentFragment();
        for (const child of [...article.children].slice(0, 6)) fragment.append(document.importNode(child, true));
        fragment.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id'));
        return fragment;
      })
      .catch(() => undefined);
    cache.set(key, entry);
  }
  return entry;
}

function hide() {
  window.clearTimeout(timer);
  popup?.remove();
  popup = undefined;
}

async function show(link: HTMLAnchorElement) {
  const content = await fetchPreview(link.href);
  if (!content || !link.matches(':hover, :focus')) return;
  hide();
  popup = document.createElement('div');
  popup.className = 'preview';
  popup.setAttribute('role', 'tooltip');
  popup.append(content.cloneNode(true));
  document.body.append(popup);
  const box = link.getBoundingClientRect();
  const top = box.bottom + window.scrollY + 6;
  const left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - popup.offsetWidth - 12);
  popup.style.top = `${top}px`;
  popup.style.left = `${Math.max(8, left)}px`;
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('main a.internal')) {
  const start = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void show(link), 300);
  };
  link.addEventListener('mouseenter', start);
  link.addEventListener('focus', start);
  link.addEventListener('mouseleave', hide);
  link.addEventListener('blur', hide);
}
document.addEventListener('keydown', (event) => event.key === 'Escape' && hide());
