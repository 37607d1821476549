// The theme follows the system until the reader picks one; the pick is remembered. The inline script in the
// head sets it before first paint; this wires the toggle and tells diagrams to redraw.
const root = document.documentElement;
const button = document.querySelector<HTMLButtonElement>('.theme-toggle');

function apply(theme: string) {
  root.dataset.theme = theme;
  button?.setAttribute('aria-pressed', String(theme === 'dark'));
  document.dispatchEvent(new CustomEvent('shipshape:theme', { detail: theme }));
}

button?.setAttribute('aria-pressed', String(root.dataset.theme === 'dark'));
button?.addEventListener('click', () => {
  const next = root.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem('shipshape-theme', next);
  apply(next);
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
  if (!localStorage.getItem('shipshape-theme')) apply(event.matches ? 'dark' : 'light');
});
