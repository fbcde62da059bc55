// One figure panel as an SVG line chart inline in HTML (hence no xmlns: the report holds no URL at all), drawn from the
// aggregated numbers with no script and no external resource:
// each series' means joined by a line, a vertical bar from min to max over seeds at every point, the task's baseline
// as a dashed line, log axes where the figure asks (values ≤ 0 cannot sit on one and are left out, said in a note).
import { escapeHtml } from './html-escape';
import type { FigureData, FigurePanel } from './study-figures';

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { left: 72, right: 150, top: 28, bottom: 48 };
/** Colour-blind-safe (Okabe–Ito). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

interface Scale {
  readonly map: (v: number) => number;
  readonly ticks: readonly number[];
}

export function panelSvg(figure: FigureData, panel: FigurePanel): string {
  const usable = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);
  const xs = panel.series.flatMap((s) => s.points.map((p) => p.x)).filter((x) => usable(x, figure.xLog));
  const ys = [...panel.series.flatMap((s) => s.points.flatMap((p) => [p.min, p.max, p.mean])), ...panel.baselines.map((b) => b.value)].filter((y) =>
    usable(y, figure.yLog),
  );
  const title = panel.label === null ? figure.title : `${figure.title} — ${panel.label}`;
  const head = `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}" font-family="sans-serif" font-size="12">`;
  const titleText = `<text x="${MARGIN.left}" y="16" font-weight="bold">${escapeHtml(title)}</text>`;
  if (xs.length === 0 || ys.length === 0) {
    return `${head}${titleText}<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">no finished values to draw yet</text></svg>`;
  }
  const plotRight = WIDTH - MARGIN.right;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const x = scale(Math.min(...xs), Math.max(...xs), MARGIN.left, plotRight, figure.xLog);
  const y = scale(Math.min(...ys), Math.max(...ys), plotBottom, MARGIN.top, figure.yLog);
  const parts: string[] = [head, titleText];

  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotRight - MARGIN.left}" height="${plotBottom - MARGIN.top}" fill="none" stroke="#999"/>`);
  for (const t of x.ticks)
    parts.push(
      `<line x1="${r(x.map(t))}" y1="${plotBottom}" x2="${r(x.map(t))}" y2="${plotBottom + 4}" stroke="#666"/><text x="${r(x.map(t))}" y="${plotBottom + 16}" text-anchor="middle">${escapeHtml(tickLabel(t))}</text>`,
    );
  for (const t of y.ticks)
    parts.push(
      `<line x1="${MARGIN.left - 4}" y1="${r(y.map(t))}" x2="${plotRight}" y2="${r(y.map(t))}" stroke="#eee"/><text x="${MARGIN.left - 6}" y="${r(y.map(t) + 4)}" text-anchor="end">${escapeHtml(tickLabel(t))}</text>`,
    );
  parts.push(
    `<text x="${(MARGIN.left + plotRight) / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeHtml(figure.xLabel)}${figure.xLog ? ' (log)' : ''}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(MARGIN.top + plotBottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(figure.yLabel)}${figure.yLog ? ' (log)' : ''}</text>`,
  );

  for (const baseline of panel.baselines) {
    if (!usable(baseline.value, figure.yLog)) continue;
    const by = y.map(baseline.value);
    parts.push(`<line class="baseline" x1="${MARGIN.left}" y1="${r(by)}" x2="${plotRight}" y2="${r(by)}" stroke="#555" stroke-dasharray="6 4"/>`);
    // Inside the plot, above the line at its right end: the legend owns the right margin.
    parts.push(`<text x="${plotRight - 4}" y="${r(by - 4)}" text-anchor="end" fill="#555">baseline ${escapeHtml(tickLabel(baseline.value))}</text>`);
  }
  panel.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const points = series.points.filter((p) => usable(p.x, figure.xLog) && usable(p.mean, figure.yLog));
    if (points.length > 1)
      parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map((p) => `${r(x.map(p.x))},${r(y.map(p.mean))}`).join(' ')}"/>`);
    for (const p of points) {
      const low = usable(p.min, figure.yLog) ? p.min : p.mean;
      if (p.n > 1)
        parts.push(`<line x1="${r(x.map(p.x))}" y1="${r(y.map(low))}" x2="${r(x.map(p.x))}" y2="${r(y.map(p.max))}" stroke="${colour}" stroke-opacity="0.6"/>`);
      parts.push(
        `<circle cx="${r(x.map(p.x))}" cy="${r(y.map(p.mean))}" r="3" fill="${colour}"><title>${escapeHtml(`${series.label}: x=${tickLabel(p.x)} mean ${tickLabel(p.mean)} (min ${tickLabel(p.min)}, max ${tickLabel(p.max)}, n=${p.n})`)}</title></circle>`,
      );
    }
    const ly = MARGIN.top + 14 + i * 18;
    parts.push(
      `<line x1="${plotRight + 8}" y1="${ly - 4}" x2="${plotRight + 26}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/><text x="${plotRight + 30}" y="${ly}">${escapeHtml(series.label)}</text>`,
    );
  });
  const hidden = [...panel.series.flatMap((s) => s.points.map((p) => [p.x, p.mean] as const))].filter(
    ([px, py]) => !usable(px, figure.xLog) || !usable(py, figure.yLog),
  ).length;
  if (hidden > 0)
    parts.push(`<text x="${MARGIN.left}" y="${HEIGHT - 28}" fill="#a00">${hidden} point(s) ≤ 0 cannot be drawn on a log axis; see the table.</text>`);
  parts.push('</svg>');
  return parts.join('');
}

function scale(min: number, max: number, from: number, to: number, log: boolean): Scale {
  if (log) {
    let lo = Math.floor(Math.log10(min));
    let hi = Math.ceil(Math.log10(max));
    if (hi === lo) {
      lo -= 1;
      hi += 1;
    }
    const every = Math.max(1, Math.ceil((hi - lo) / 8));
    const ticks: number[] = [];
    for (let e = lo; e <= hi; e += every) ticks.push(10 ** e);
    return { map: (v) => from + ((Math.log10(v) - lo) / (hi - lo)) * (to - from), ticks };
  }
  const pad = max === min ? Math.abs(max) * 0.1 || 1 : 0;
  const step = niceStep((max - min + 2 * pad) / 5);
  const lo = Math.floor((min - pad) / step) * step;
  const hi = Math.ceil((max + pad) / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { map: (v) => from + ((v - lo) / (hi - lo)) * (to - from), ticks };
}

/** 1, 2 or 5 × a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

function tickLabel(v: number): string {
  const abs = Math.abs(v);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? v.toExponential(0) : String(Number(v.toPrecision(4)));
}

/** Coordinates to 0.1 px. */
function r(v: number): string {
  return String(Math.round(v * 10) / 10);
}
