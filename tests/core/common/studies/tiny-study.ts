// A tiny two-cell, two-length study and constructed run results for it, shared by the analysis and report tests.
import type { RunResults, RunStatus } from '../../../../core/common/api/entities';
import { analyseStudy, type StudyRunRecord } from '../../../../core/common/studies/study-analysis';
import { parseStudyDefinition, type StudyDefinitionInput } from '../../../../core/common/studies/study-definition';
import { planStudy } from '../../../../core/common/studies/study-plan';

export const BASELINE = 0.1667;

export const definition: StudyDefinitionInput = {
  id: 'tiny',
  version: 1,
  title: 'Tiny',
  question: 'Does the GRU beat the baseline where the tanh RNN does not?',
  citation: 'Nobody (2026).',
  base: { task: { id: 'adding-problem', params: { length: 5 } }, model: { cell: 'gru', hiddenSize: 4 }, training: { steps: 10 } },
  axes: [
    {
      name: 'cell',
      label: 'cell',
      values: [
        { label: 'tanh', set: { 'model.cell': 'rnn_tanh' } },
        { label: 'GRU', set: { 'model.cell': 'gru' } },
      ],
    },
    {
      name: 'T',
      label: 'T',
      values: [
        { label: '5', x: 5, set: { 'task.params.length': 5 } },
        { label: '10', x: 10, set: { 'task.params.length': 10 } },
      ],
    },
  ],
  budgets: { quick: { description: 'q', seeds: [1, 2] }, full: { description: 'f', seeds: [1, 2, 3] } },
  metrics: { loss: { kind: 'final', field: 'finalValLoss', label: 'final val MSE' } },
  figures: [{ id: 'f', title: 'loss', metric: 'loss', x: { from: 'axis', axis: 'T' }, series: 'cell' }],
  criterion: {
    checks: [
      { metric: 'loss', where: { cell: 'tanh', T: '$last' }, test: 'above', threshold: { baselineFraction: 0.5 }, claim: 'tanh stays' },
      { metric: 'loss', where: { cell: 'GRU', T: '$last' }, test: 'below', threshold: { baselineFraction: 0.1 }, claim: 'GRU learns' },
    ],
    explanation: 'e',
  },
};

export function study() {
  const parsed = parseStudyDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.study;
}

export function results(finalValLoss: number | null): RunResults {
  return {
    finalTrainLoss: null,
    finalValLoss,
    bestValLoss: finalValLoss,
    bestValLossStep: 10,
    finalValAccuracy: null,
    bestValAccuracy: null,
    finalValSequenceAccuracy: null,
    bestValSequenceAccuracy: null,
    finalValPerplexity: null,
    finalValBitsPerChar: null,
    trial: null,
    baseline: { metric: 'val/loss', value: BASELINE, lowerIsBetter: true, final: finalValLoss, beaten: finalValLoss === null ? null : finalValLoss < BASELINE },
    byLength: null,
    durationMs: 1000,
  };
}

/** Losses in trial order: (tanh, 5) seeds 1 2, (tanh, 10) seeds 1 2, (GRU, 5) …, (GRU, 10) …. */
export function analyse(losses: readonly (number | null)[], statuses: readonly RunStatus[] = []) {
  const s = study();
  const plan = planStudy(s, 'quick');
  const records: StudyRunRecord[] = losses.map((loss, i) => ({
    runId: i + 1,
    status: statuses[i] ?? 'completed',
    results: results(loss),
    gradients: null,
    steps: 10,
  }));
  return analyseStudy(s, plan, records);
}
