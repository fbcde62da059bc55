// The report and the CSV from constructed results: one self-contained HTML file (no URL, figures as inline SVG with
// the baseline line, the verdict with its numbers, every string escaped) and one CSV row per run.
import { describe, expect, it } from 'vitest';
import { parseStudyDefinition } from '../../../../core/common/studies/study-definition';
import { analyseStudy } from '../../../../core/common/studies/study-analysis';
import { studyCsv } from '../../../../core/common/studies/study-csv';
import { studyFigures } from '../../../../core/common/studies/study-figures';
import { planStudy } from '../../../../core/common/studies/study-plan';
import { studyReportHtml } from '../../../../core/common/studies/study-report';
import type { RunResults } from '../../../../core/common/api/entities';
import { BASELINE, definition, results } from './tiny-study';

function report(def: unknown, losses: readonly (number | null)[], resultsOf: (loss: number | null) => RunResults = results) {
  const parsed = parseStudyDefinition(def);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const plan = planStudy(parsed.study, 'quick');
  const analysis = analyseStudy(
    parsed.study,
    plan,
    losses.map((loss, i) => ({ runId: i + 1, status: 'completed', results: resultsOf(loss), gradients: null, steps: 10 })),
  );
  const figures = studyFigures(parsed.study, plan, analysis);
  const html = studyReportHtml({
    study: parsed.study,
    plan,
    analysis,
    figures,
    studyRunId: 7,
    sweepId: 3,
    createdAt: 0,
    generatedAt: 0,
    seqlabVersion: '0.0.0',
  });
  return { html, figures, csv: studyCsv(parsed.study, plan, analysis) };
}

const LOSSES = [0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.001, 0.003];

describe('study figures', () => {
  it('puts each cell on its own line over T, means with min and max over seeds, beside the baseline', () => {
    const { figures } = report(definition, LOSSES);
    expect(figures).toHaveLength(1);
    const panel = figures[0]?.panels[0];
    expect(panel?.series.map((s) => [s.label, s.points.map((p) => [p.x, p.min, p.max])])).toEqual([
      [
        'tanh',
        [
          [5, 0.16, 0.17],
          [10, 0.166, 0.168],
        ],
      ],
      [
        'GRU',
        [
          [5, 0.05, 0.07],
          [10, 0.001, 0.003],
        ],
      ],
    ]);
    expect(panel?.baselines).toEqual([{ value: BASELINE, metric: 'val/loss' }]);
    expect(figures[0]?.baselineNote).toBeNull();
  });
});

describe('study report', () => {
  it('is one HTML file without any URL, with an SVG per figure, the baseline line, the verdict and the rerun spec', () => {
    const { html } = report(definition, LOSSES);
    expect(html).not.toMatch(/https?:|\/\/[a-z]|<script|<link|src=/i);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain('class="baseline"');
    expect(html).toContain('Verdict: reproduced.</strong> All 2 checks hold on every seed.');
    expect(html).toContain('&quot;list&quot;: [');
    expect(html).toContain('seqlab study run tiny --budget quick');
  });

  it('shows the baseline and whether runs beat it only beside the series the baseline scores', () => {
    const withAccuracy = { ...definition, metrics: { ...definition.metrics, acc: { kind: 'final', field: 'finalValAccuracy', label: 'final accuracy' } } };
    const { html } = report(withAccuracy, LOSSES, (loss) => ({ ...results(loss), finalValAccuracy: 0.9 }));
    const table = (label: string): string => html.slice(html.indexOf(`<h3>${label}`), html.indexOf('</table>', html.indexOf(`<h3>${label}`)));
    expect(table('final val MSE')).toContain('(val/loss)');
    // the task's baseline scores val/loss: beside an accuracy it would be a loss read as an accuracy
    expect(table('final accuracy')).not.toContain('val/loss');
    expect(table('final accuracy')).not.toMatch(/\d of \d/);
  });

  it('escapes every string it is given', () => {
    const hostile = {
      ...definition,
      title: '<script>alert(1)</script>',
      axes: [
        {
          ...definition.axes[0],
          values: [
            { label: 'a"<b>&', set: { 'model.cell': 'rnn_tanh' } },
            { label: 'GRU', set: { 'model.cell': 'gru' } },
          ],
        },
        definition.axes[1],
      ],
    };
    const checks = definition.criterion.checks.map((c, i) => (i === 0 ? { ...c, where: { ...c.where, cell: 'a"<b>&' } } : c));
    const { html } = report({ ...hostile, criterion: { ...definition.criterion, checks } }, LOSSES);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('a"<b>&');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a&quot;&lt;b&gt;&amp;');
  });
});

describe('study CSV', () => {
  it('has one row per run: study, budget, setting labels, seed, run, status, metrics, baseline and whether it was beaten', () => {
    const { csv } = report(definition, LOSSES);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('study,version,budget,cell,T,seed,run,status,loss,baseline_metric,baseline,baseline_metric_final,beat_baseline');
    expect(lines).toHaveLength(9);
    expect(lines[8]).toBe(`tiny,1,quick,GRU,10,2,8,completed,0.003,val/loss,${BASELINE},0.003,true`);
    expect(lines[2]).toBe(`tiny,1,quick,tanh,5,2,2,completed,0.17,val/loss,${BASELINE},0.17,false`);
  });
});
