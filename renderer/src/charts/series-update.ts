// The live part of a chart: new data for some of its series, matched by id, applied without rebuilding the chart.

export interface SeriesUpdate {
  /** The id of a series of the chart's option. */
  readonly id: string;
  /** The series' whole data ([x, y] points); a new array when it changed, the same array when not. */
  readonly data: readonly unknown[];
  /** Markers on each point, for curves sparse enough that one point alone would be invisible. */
  readonly showSymbol?: boolean;
}
