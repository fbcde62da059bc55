// The metrics an exploding-gradient study reads: `diverged` (a run's end as diverged is a value a check can expect, so
// a setting meant to blow up gives a verdict instead of a missing value) and `history` (a logged series against the
// training step, with the loss baseline drawn beside a loss and none beside a gradient norm).
import { describe, expect, it } from 'vitest';
import { analyseStudy, type StudyRunRecord } from '../../../../core/common/studies/study-analysis';
import { parseStudyDefinition, type StudyDefinitionInput } from '../../../../core/common/studies/study-definition';
import { studyFigures } from '../../../../core/common/studies/study-figures';
import { historySeries, historyWindows, measure, metricSeries } from '../../../../core/common/studies/study-metrics';
import { planStudy } from '../../../../core/common/studies/study-plan';
import { BASELINE, results } from './tiny-study';

const definition: StudyDefinitionInput = {
  id: 'tiny-explosion',
  version: 1,
  title: 'Tiny explosion',
  question: 'Does the unclipped run blow up where the clipped one learns?',
  citation: 'Nobody (2026).',
  base: { task: { id: 'adding-problem', params: { length: 5 } }, model: { cell: 'rnn_relu', hiddenSize: 4 }, training: { steps: 10 } },
  axes: [
    {
      name: 'clip',
      label: 'clipping',
      values: [
        { label: 'none', set: { 'training.clip': { kind: 'none' } } },
        { label: 'norm', set: { 'training.clip': { kind: 'norm', max: 1 } } },
      ],
    },
  ],
  budgets: { quick: { description: 'q', seeds: [1, 2] }, full: { description: 'f', seeds: [1, 2, 3] } },
  metrics: {
    loss: { kind: 'final', field: 'finalValLoss', label: 'final val MSE' },
    diverged: { kind: 'diverged', label: 'diverged' },
    gradNorm: { kind: 'history', series: 'train/grad_norm', label: 'gradient norm' },
    trainLoss: { kind: 'history', series: 'train/loss', label: 'train loss' },
  },
  figures: [
    { id: 'g', title: 'gradient norm', metric: 'gradNorm', x: { from: 'metric', label: 'step' }, series: 'clip', yLog: true },
    { id: 'l', title: 'train loss', metric: 'trainLoss', x: { from: 'metric', label: 'step' }, series: 'clip', yLog: true },
  ],
  criterion: {
    checks: [
      { metric: 'diverged', where: { clip: 'none' }, test: 'above', threshold: { value: 0.5 }, claim: 'unclipped blows up' },
      { metric: 'diverged', where: { clip: 'norm' }, test: 'below', threshold: { value: 0.5 }, claim: 'clipped stays finite' },
      { metric: 'loss', where: { clip: 'norm' }, test: 'below', threshold: { baselineFraction: 0.5 }, claim: 'clipped learns' },
    ],
    explanation: 'e',
  },
};

function study() {
  const parsed = parseStudyDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.study;
}

const explodingHistory = { 'train/grad_norm': { steps: [1, 2, 3], values: [40, 3e4, null] }, 'train/loss': { steps: [1, 2, 3], values: [2, 900, null] } };
const calmHistory = { 'train/grad_norm': { steps: [1, 2, 3], values: [40, 1, 0.5] }, 'train/loss': { steps: [1, 2, 3], values: [2, 0.1, 0.05] } };

/** Trial order: (none, seeds 1 2), (norm, seeds 1 2). */
function judge(statuses: readonly string[], losses: readonly (number | null)[] = [null, null, 0.01, 0.02]) {
  const s = study();
  const plan = planStudy(s, 'quick');
  const records: StudyRunRecord[] = statuses.map((status, i) => ({
    runId: i + 1,
    status,
    results: results(losses[i] ?? null),
    gradients: null,
    steps: 3,
    histories: i < 2 ? explodingHistory : calmHistory,
  }));
  return { analysis: analyseStudy(s, plan, records), study: s, plan };
}

describe('diverged and history metrics', () => {
  it('a diverged run is 1, any other ended run 0, and the study is judged on it (the unclipped runs diverging is the expected outcome)', () => {
    const { analysis } = judge(['diverged', 'diverged', 'completed', 'completed']);
    expect(analysis.runs.map((r) => r.values['diverged'])).toEqual([[{ x: null, y: 1 }], [{ x: null, y: 1 }], [{ x: null, y: 0 }], [{ x: null, y: 0 }]]);
    expect(analysis.checks.map((c) => c.outcome)).toEqual(['holds', 'holds', 'holds']);
    expect(analysis.verdict).toBe('reproduced');
    expect(analysis.checks[0]?.text).toContain('unclipped blows up — clip=none: diverged mean 1 (seed 1: 1, seed 2: 1) above 0.5: holds.');
  });

  it('is not reproduced when the unclipped runs finish normally, and inconclusive when one of two diverges', () => {
    expect(judge(['completed', 'completed', 'completed', 'completed'], [0.1, 0.1, 0.01, 0.02]).analysis.verdict).toBe('not reproduced');
    const split = judge(['diverged', 'completed', 'completed', 'completed']).analysis;
    expect([split.verdict, split.checks[0]?.outcome]).toEqual(['inconclusive', 'mixed']);
    // a clipped run that diverged fails its own check
    expect(judge(['diverged', 'diverged', 'diverged', 'diverged']).analysis.checks[1]?.outcome).toBe('fails');
  });

  it('a history is the logged series against the training step, a non-finite value left out of the aggregate', () => {
    const { analysis } = judge(['diverged', 'diverged', 'completed', 'completed']);
    expect(analysis.runs[0]?.values['gradNorm']).toEqual([
      { x: 1, y: 40 },
      { x: 2, y: 3e4 },
      { x: 3, y: null },
    ]);
    const none = analysis.settings.find((s) => s.setting['clip'] === 'none');
    expect(none?.metrics['gradNorm']?.map((p) => [p.x, p.mean, p.n])).toEqual([
      [1, 40, 2],
      [2, 3e4, 2],
    ]);
  });

  it('a long history is the mean over fixed windows of steps, at the last step each holds; a window with a non-finite value is null', () => {
    const steps = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(historyWindows({ steps, values: steps.map((s) => s) }, 5)).toEqual([
      { x: 2, y: 1.5 },
      { x: 4, y: 3.5 },
      { x: 6, y: 5.5 },
      { x: 8, y: 7.5 },
      { x: 10, y: 9.5 },
    ]);
    expect(historyWindows({ steps, values: steps.map((s) => (s === 4 ? null : s)) }, 5)[1]).toEqual({ x: 4, y: null });
    // a run cut short (diverged at step 3) keeps its steps; windows follow the step number, not the run's length
    expect(historyWindows({ steps: [1, 2, 3], values: [1, 2, 4] }, 5)).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 4 },
    ]);
    expect(historyWindows({ steps: [2, 3, 4, 7], values: [1, 2, 4, 8] }, 3)).toEqual([
      { x: 3, y: 1.5 },
      { x: 4, y: 4 },
      { x: 7, y: 8 },
    ]);
    expect(historyWindows({ steps: [], values: [] }, 5)).toEqual([]);
  });

  it('a history not loaded gives no points, so a check on it cannot be judged', () => {
    const metric = { kind: 'history', series: 'train/loss', label: 'l' } as const;
    expect(measure(metric, { results: results(0.1), gradients: null, steps: 3, status: 'completed' })).toEqual([]);
    expect(measure(metric, { results: results(0.1), gradients: null, steps: 3, status: 'completed', histories: null })).toEqual([]);
  });

  it('draws the loss baseline beside a loss history and none beside a gradient norm; names the series to load', () => {
    const { analysis, study: s, plan } = judge(['diverged', 'diverged', 'completed', 'completed']);
    const [grad, loss] = studyFigures(s, plan, analysis);
    expect(grad?.panels[0]?.baselines).toEqual([]);
    expect(loss?.panels[0]?.baselines).toEqual([{ value: BASELINE, metric: 'val/loss' }]);
    expect(metricSeries({ kind: 'history', series: 'train/grad_norm', label: 'g' })).toBeNull();
    expect(historySeries(s.metrics)).toEqual(['train/grad_norm', 'train/loss']);
  });

  it('refuses a history of a series it cannot draw, and a diverged value drawn against its own x', () => {
    const badSeries = parseStudyDefinition({
      ...definition,
      metrics: { ...definition.metrics, gradNorm: { kind: 'history', series: 'train/lr', label: 'lr' } },
    });
    expect(badSeries.ok ? [] : badSeries.issues.map((i) => i.path)).toEqual(['metrics.gradNorm.series']);
    const badFigure = parseStudyDefinition({ ...definition, figures: [{ id: 'd', title: 'd', metric: 'diverged', x: { from: 'metric', label: 'x' } }] });
    expect(badFigure.ok ? [] : badFigure.issues.map((i) => i.message)).toEqual(['a single value per run has no x of its own; draw it against an axis']);
  });
});
