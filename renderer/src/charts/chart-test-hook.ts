// Browser tests read what a chart draws through its element (ECharts' own registry is inside the bundle).

declare global {
  interface HTMLElement {
    /** The option ECharts holds for the chart drawn in this element (merged: every series with its data). */
    seqlabChartOption?: () => unknown;
  }
}

export function exposeChartOption(element: HTMLElement, read: () => unknown): void {
  element.seqlabChartOption = read;
}
