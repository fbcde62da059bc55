// A study's figures as numbers, drawn by the report (study-svg.ts) and the Studies view (ECharts) alike: per panel,
// one line per value of the series axis, each point the mean over seeds with its min and max, and the task's baseline
// where the figure's quantity is the one the baseline scores.
import type { StudyDefinition, StudyFigure } from './study-definition';
import { metricSeries } from './study-metrics';
import type { StudyAnalysis } from './study-analysis';
import type { StudyPlan } from './study-plan';

export interface FigurePoint {
  readonly x: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly sd: number | null;
  readonly n: number;
}

export interface FigureSeries {
  readonly label: string;
  readonly points: readonly FigurePoint[];
}

export interface FigurePanel {
  /** The panel axis value (`T=100`); null for a figure of one panel. */
  readonly label: string | null;
  readonly series: readonly FigureSeries[];
  /** Horizontal lines: the task's baseline (one per distinct value among the panel's settings). */
  readonly baselines: readonly { readonly value: number; readonly metric: string }[];
}

export interface FigureData {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog: boolean;
  readonly yLog: boolean;
  readonly panels: readonly FigurePanel[];
  /** Why no baseline line is drawn, when none is. */
  readonly baselineNote: string | null;
}

export function studyFigures(study: StudyDefinition, plan: StudyPlan, analysis: StudyAnalysis): FigureData[] {
  return study.figures.map((figure) => figureData(study, plan, analysis, figure));
}

function figureData(study: StudyDefinition, plan: StudyPlan, analysis: StudyAnalysis, figure: StudyFigure): FigureData {
  const axisOf = (name: string) => plan.axes.find((axis) => axis.name === name);
  const seriesAxis = figure.series === undefined ? undefined : axisOf(figure.series);
  const panelAxis = figure.panel === undefined ? undefined : axisOf(figure.panel);
  const xAxis = figure.x.from === 'axis' ? axisOf(figure.x.axis) : undefined;
  const metric = study.metrics[figure.metric];
  const series = metric === undefined ? null : metricSeries(metric);
  const panelLabels: (string | null)[] = panelAxis ? panelAxis.values.map((v) => v.label) : [null];

  const panels = panelLabels.map((panelLabel): FigurePanel => {
    const inPanel = analysis.settings.filter((s) => panelAxis === undefined || s.setting[panelAxis.name] === panelLabel);
    // Without a series axis, one line through every setting of the panel, named by the metric.
    const groups =
      seriesAxis === undefined
        ? [{ label: metric?.label ?? figure.metric, settings: inPanel }]
        : seriesAxis.values.map((value) => ({ label: value.label, settings: inPanel.filter((s) => s.setting[seriesAxis.name] === value.label) }));
    const lines = groups.map(({ label, settings }): FigureSeries => {
      const points = settings.flatMap((s) =>
        (s.metrics[figure.metric] ?? []).flatMap((p) => {
          const x = xAxis ? xAxis.values.find((v) => v.label === s.setting[xAxis.name])?.x : p.x;
          return x === undefined || x === null || p.mean === null || p.min === null || p.max === null
            ? []
            : [{ x, mean: p.mean, min: p.min, max: p.max, sd: p.sd, n: p.n }];
        }),
      );
      return { label, points: points.sort((a, b) => a.x - b.x) };
    });
    const baselines =
      figure.noBaseline !== undefined
        ? []
        : distinctBaselines(inPanel.flatMap((s) => (s.baseline !== null && s.baseline.metric === series ? [s.baseline] : [])));
    return { label: panelLabel === null || panelAxis === undefined ? null : `${panelAxis.name}=${panelLabel}`, series: lines, baselines };
  });
  const drawn = panels.some((p) => p.baselines.length > 0);
  return {
    id: figure.id,
    title: figure.title,
    xLabel: figure.x.from === 'axis' ? (xAxis?.label ?? figure.x.axis) : figure.x.label,
    yLabel: metric?.label ?? figure.metric,
    xLog: figure.xLog,
    yLog: figure.yLog,
    panels,
    baselineNote: figure.noBaseline ?? (drawn ? null : `The runs stored no baseline of ${series ?? 'this quantity'}, so none is drawn.`),
  };
}

function distinctBaselines(baselines: readonly { value: number; metric: string }[]): { value: number; metric: string }[] {
  const seen = new Map<number, { value: number; metric: string }>();
  for (const b of baselines) if (!seen.has(b.value)) seen.set(b.value, { value: b.value, metric: b.metric });
  return [...seen.values()];
}
