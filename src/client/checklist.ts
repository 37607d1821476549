// The interactive checklist: ticks are kept per checklist, service and commit, keyed by each item's id (never by
// position: an item moved or inserted in the doc keeps its tick). Storage: one localStorage entry per checklist,
// service and commit, holding the ticked item ids.
const page = document.querySelector<HTMLElement>('.checklist-page');
const form = page?.querySelector<HTMLFormElement>('.checklist-form');

if (page && form) {
  const id = page.dataset.checklist!;
  const boxes = [...page.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-item]')];
  const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  const status = page.querySelector('.checklist-status');
  const key = () => `shipshape:checklist:${id}:${field('service').value.trim()}@${field('sha').value.trim().toLowerCase()}`;

  const load = () => {
    let ticked: string[] = [];
    try {
      ticked = JSON.parse(localStorage.getItem(key()) ?? '[]') as string[];
    } catch {
      // A damaged entry is as good as none.
    }
    for (const box of boxes) box.checked = ticked.includes(box.dataset.item!);
    if (status) status.textContent = `${ticked.length} of ${boxes.length} ticked for ${field('service').value.trim() || 'any service'} at ${field('sha').value.trim() || 'any commit'}; kept in this browser.`;
  };
  const save = () => {
    const ticked = boxes.filter((box) => box.checked).map((box) => box.dataset.item!);
    if (ticked.length === 0) localStorage.removeItem(key());
    else localStorage.setItem(key(), JSON.stringify(ticked));
    load();
  };

  // The last service and commit entered come back with the page.
  const last = localStorage.getItem(`shipshape:checklist:${id}:last`);
  if (last) {
    const [service, sha] = JSON.parse(last) as [string, string];
    field('service').value = service;
    field('sha').value = sha;
  }
  for (const name of ['service', 'sha']) {
    field(name).addEventListener('input', () => {
      localStorage.setItem(`shipshape:checklist:${id}:last`, JSON.stringify([field('service').value, field('sha').value]));
      load();
    });
  }
  for (const box of boxes) box.addEventListener('change', save);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());
  form.querySelector('[data-action="clear"]')?.addEventListener('click', () => {
    for (const box of boxes) box.checked = false;
    save();
  });
  load();
}
