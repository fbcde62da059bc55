// Line colours by position: a curve keeps its colour when others come and go, and its smoothed line and the faint
// raw line behind it share one. ECharts' own default palette, so charts look as before.
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'] as const;

/** The colour of the `index`-th curve (0-based), cycling through the palette. */
export function curveColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? PALETTE[0];
}
