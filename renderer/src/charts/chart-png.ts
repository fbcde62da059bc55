// A chart drawn somewhere inside an element, as a PNG data URL: the canvas ECharts holds for it, on the theme's
// background (a transparent PNG is unreadable on a dark viewer), at twice the screen's resolution.
import { echarts } from './echarts-setup';

/** The PNG of the first chart inside `element`; null when none is drawn there yet. */
export function chartPngUrl(element: HTMLElement): string | null {
  const host = element.querySelector<HTMLElement>('[_echarts_instance_]');
  const chart = host ? echarts.getInstanceByDom(host) : undefined;
  if (!chart) return null;
  const background = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#fff';
  return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
}
