/**
 * Charts drawn at build time as inline SVG with Observable Plot over a server-side DOM (linkedom): readable without
 * JavaScript, themed by the page's CSS (`currentColor` and the marks' classes), each with an accessible name. The
 * figures' numbers only reach the SVG: names from run data never do, so nothing untrusted is drawn.
 *
 * In: `trendSvg({ definition, points: [{ from: '2026-08-24T00:00:00.000Z', value: 1.5 }, …] })`
 * Out: `<svg class="chart-svg" role="img" aria-label="Deployment frequency per week" viewBox="0 0 640 200" …>…</svg>`
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { MetricTrend } from './build-dashboards.ts';
import type { MetricKey } from './metric-definitions.ts';

const { document } = parseHTML('<!doctype html><html><body></body></html>');

/** The unit the y axis counts in, and how a value converts to it. */
const axes: Record<MetricKey, { label: string; scale: (value: number) => number }> = {
  deploymentsPerDay: { label: 'deploys per day', scale: (v) => v },
  leadTimeHours: { label: 'hours', scale: (v) => v },
  changeFailRate: { label: '% of deploys', scale: (v) => v * 100 },
  recoveryTimeHours: { label: 'hours', scale: (v) => v },
  reworkRate: { label: '% of deploys', scale: (v) => v * 100 },
};

/** A weekly trend as a line with a dot per week; weeks without data are gaps, not zeros. */
export function trendSvg(trend: MetricTrend): string {
  const axis = axes[trend.definition.key];
  const data = trend.points.map((point) => ({ week: new Date(point.from), value: point.value === null ? Number.NaN : axis.scale(point.value) }));
  const known = data.filter((d) => !Number.isNaN(d.value));
  const svg = Plot.plot({
    document,
    width: 640,
    height: 200,
    marginLeft: 48,
    className: 'chart-plot',
    ariaLabel: `${trend.definition.label} per week`,
    x: { type: 'utc', label: null },
    y: { grid: true, label: axis.label, zero: true, nice: true },
    marks: [
      Plot.ruleY([0], { className: 'chart-baseline' }),
      Plot.lineY(data, { x: 'week', y: 'value', className: 'chart-line', curve: 'linear' }),
      Plot.dot(known, { x: 'week', y: 'value', r: 2.5, className: 'chart-dot' }),
    ],
  }) as unknown as Element;
  svg.setAttribute('role', 'img');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // An image's parts are not read out, and a label on a plain group is not allowed (axe: aria-prohibited-attr): the
  // chart has one name, and a description in its own element.
  for (const part of svg.querySelectorAll('[aria-label]')) if (part !== svg) part.removeAttribute('aria-label');
  const description = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  description.textContent = `${known.length} of ${data.length} weeks with data; the data table lists every value.`;
  svg.insertBefore(description, svg.firstChild);
  return svg.outerHTML;
}
