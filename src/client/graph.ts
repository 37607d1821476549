// The global graph: a small force layout (repulsion between all dots, springs along links, pull to the centre),
// drawn on a canvas. Large vaults get fewer iterations, so the page stays responsive.
interface Graph {
  nodes: Array<{ url: string; title: string; folder: string }>;
  edges: Array<[number, number]>;
}

const container = document.getElementById('graph')!;
const graph = JSON.parse(document.getElementById('graph-data')!.textContent!) as Graph;
const canvas = document.createElement('canvas');
container.append(canvas);
const tip = document.createElement('div');
tip.className = 'graph-tip';
container.append(tip);

const n = graph.nodes.length;
const x = new Float64Array(n);
const y = new Float64Array(n);
const degree = new Uint32Array(n);
for (const [a, b] of graph.edges) {
  degree[a]!++;
  degree[b]!++;
}
for (let i = 0; i < n; i++) {
  const angle = i * 2.399963;
  const radius = 10 * Math.sqrt(i + 1);
  x[i] = radius * Math.cos(angle);
  y[i] = radius * Math.sin(angle);
}

// Folders get colours from a fixed palette, so the same folder has the same colour on every build.
const palette = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bc4c00', '#0969da', '#cf222e'];
const folders = [...new Set(graph.nodes.map((node) => node.folder.split('/')[0]))];
const colour = graph.nodes.map((node) => palette[folders.indexOf(node.folder.split('/')[0]) % palette.length]!);

function step(alpha: number) {
  const fx = new Float64Array(n);
  const fy = new Float64Array(n);
  // Repulsion on a coarse grid: only nearby dots push each other, which keeps thousands of dots cheap.
  const cell = 40;
  const grid = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = `${Math.floor(x[i]! / cell)},${Math.floor(y[i]! / cell)}`;
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  }
  for (let i = 0; i < n; i++) {
    const cx = Math.floor(x[i]! / cell);
    const cy = Math.floor(y[i]! / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (j === i) continue;
          const ddx = x[i]! - x[j]!;
          const ddy = y[i]! - y[j]!;
          const d2 = ddx * ddx + ddy * ddy + 0.01;
          fx[i]! += (ddx / d2) * 60;
          fy[i]! += (ddy / d2) * 60;
        }
      }
    }
    fx[i]! -= x[i]! * 0.01;
    fy[i]! -= y[i]! * 0.01;
  }
  for (const [a, b] of graph.edges) {
    const dx = x[b]! - x[a]!;
    const dy = y[b]! - y[a]!;
    fx[a]! += dx * 0.02;
    fy[a]! += dy * 0.02;
    fx[b]! -= dx * 0.02;
    fy[b]! -= dy * 0.02;
  }
  for (let i = 0; i < n; i++) {
    x[i]! += Math.max(-10, Math.min(10, fx[i]! * alpha));
    y[i]! += Math.max(-10, Math.min(10, fy[i]! * alpha));
  }
}

let scale = 1;
let offsetX = 0;
let offsetY = 0;

function draw() {
  const width = container.clientWidth;
  const height = Math.max(400, Math.round(window.innerHeight * 0.7));
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  scale = Math.min(width / (maxX - minX + 40), height / (maxY - minY + 40));
  offsetX = width / 2 - ((minX + maxX) / 2) * scale;
  offsetY = height / 2 - ((minY + maxY) / 2) * scale;
  const context = canvas.getContext('2d')!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.strokeStyle = getComputedStyle(container).getPropertyValue('--graph-edge') || '#8888';
  context.lineWidth = 0.5;
  context.beginPath();
  for (const [a, b] of graph.edges) {
    context.moveTo(x[a]! * scale + offsetX, y[a]! * scale + offsetY);
    context.lineTo(x[b]! * scale + offsetX, y[b]! * scale + offsetY);
  }
  context.stroke();
  for (let i = 0; i < n; i++) {
    context.fillStyle = colour[i]!;
    context.beginPath();
    context.arc(x[i]! * scale + offsetX, y[i]! * scale + offsetY, 2 + Math.min(6, Math.sqrt(degree[i]!)), 0, 2 * Math.PI);
    context.fill();
  }
}

function nearest(event: MouseEvent): number | undefined {
  const box = canvas.getBoundingClientRect();
  const px = (event.clientX - box.left - offsetX) / scale;
  const py = (event.clientY - box.top - offsetY) / scale;
  let best: number | undefined;
  let bestDistance = (10 / scale) ** 2;
  for (let i = 0; i < n; i++) {
    const d = (x[i]! - px) ** 2 + (y[i]! - py) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

const iterations = n > 2000 ? 60 : n > 500 ? 150 : 300;
let done = 0;
function tick() {
  for (let k = 0; k < 10 && done < iterations; k++, done++) step(1 - done / iterations);
  draw();
  if (done < iterations) requestAnimationFrame(tick);
}
tick();

canvas.addEventListener('mousemove', (event) => {
  const i = nearest(event);
  canvas.style.cursor = i === undefined ? 'default' : 'pointer';
  tip.hidden = i === undefined;
  if (i !== undefined) {
    tip.textContent = graph.nodes[i]!.title;
    tip.style.left = `${event.offsetX + 12}px`;
    tip.style.top = `${event.offsetY + 12}px`;
  }
});
canvas.addEventListener('click', (event) => {
  const i = nearest(event);
  if (i !== undefined) window.location.href = graph.nodes[i]!.url;
});
window.addEventListener('resize', draw);
