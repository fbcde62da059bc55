// A study's report: one self-contained HTML file — no script, no stylesheet or font or image from elsewhere, no URL —
// holding the question and citation, the verdict with the checks and numbers behind it, every figure as inline SVG,
// the aggregated numbers in tables, every run with whether it beat the baseline, and the sweep spec and command that
// rerun it. Every string from a definition, a spec or a run is escaped.
import { escapeHtml } from './html-escape';
import { fmt, type StudyAnalysis } from './study-analysis';
import type { StudyDefinition } from './study-definition';
import type { FigureData } from './study-figures';
import { settingLabel, type StudyPlan } from './study-plan';
import { panelSvg } from './study-svg';
import { metricSeries } from './study-metrics';

export interface StudyReportInput {
  readonly study: StudyDefinition;
  readonly plan: StudyPlan;
  readonly analysis: StudyAnalysis;
  readonly figures: readonly FigureData[];
  /** The stored study (its id for `seqlab study show`) and the sweep its runs belong to. */
  readonly studyRunId: number;
  readonly sweepId: number | null;
  readonly createdAt: number;
  /** When the report was written, and by which SeqLab. */
  readonly generatedAt: number;
  readonly seqlabVersion: string;
}

const STYLE = `body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}
table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.9em}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.verdict{padding:0.8em 1em;border-radius:4px;margin:1em 0}
.reproduced{background:#e6f4ea;border:1px solid #34a853}.not-reproduced{background:#fce8e6;border:1px solid #d93025}
.inconclusive{background:#fef7e0;border:1px solid #f9ab00}pre{background:#f6f6f6;padding:0.8em;overflow:auto;font-size:0.8em}
figure{margin:1em 0}figcaption{font-size:0.85em;color:#555}`;

export function studyReportHtml(input: StudyReportInput): string {
  const { study, plan, analysis } = input;
  const e = escapeHtml;
  const verdictClass = analysis.verdict.replace(' ', '-');
  const budget = study.budgets[plan.budget];
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(`${study.title} — SeqLab study report`)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${e(study.title)}</h1>`,
    `<p><strong>Question.</strong> ${e(study.question)}</p>`,
    `<p><strong>Reproduces.</strong> ${e(study.citation)}</p>`,
    `<p>Study <code>${e(study.id)}</code> version ${study.version}, budget <strong>${e(plan.budget)}</strong>${budget ? ` (${e(budget.description)})` : ''}; stored as study ${input.studyRunId}${input.sweepId === null ? '' : `, sweep ${input.sweepId}`}, started ${e(new Date(input.createdAt).toISOString())}. ${analysis.progress.finished} of ${analysis.progress.total} runs finished.</p>`,
    `<div class="verdict ${e(verdictClass)}" id="verdict"><strong>Verdict: ${e(analysis.verdict)}.</strong> ${e(analysis.reason)}</div>`,
    `<p>${e(study.criterion.explanation)}</p>`,
    '<h2>Checks</h2>',
    table(
      ['claim', 'setting', 'mean over seeds', 'per seed', 'test', 'threshold', 'outcome'],
      analysis.checks.map((c) => [
        e(c.claim),
        e(settingLabel(plan.axes, c.setting)),
        num(c.summary.mean),
        e(c.perSeed.map((s) => `seed ${s.seed}: ${fmt(s.value)}`).join(', ')),
        e(c.test),
        num(c.threshold),
        e(c.outcome),
      ]),
    ),
    '<h2>Figures</h2>',
  ];
  for (const figure of input.figures) {
    for (const panel of figure.panels) parts.push(`<figure>${panelSvg(figure, panel)}<figcaption>${e(figureCaption(figure))}</figcaption></figure>`);
  }
  parts.push('<h2>Aggregated results</h2>');
  for (const [id, metric] of Object.entries(study.metrics)) {
    // Beside a run's final value of the series the baseline scores only: whether a run beat the baseline is judged on
    // its whole validation set, and a loss baseline says nothing about an accuracy.
    const series = metricSeries(metric);
    const compared = (s: (typeof analysis.settings)[number]): boolean => metric.kind === 'final' && s.baseline !== null && s.baseline.metric === series;
    const rows = analysis.settings.flatMap((s) =>
      (s.metrics[id] ?? []).map((p) => [
        e(settingLabel(plan.axes, s.setting)),
        p.x === null ? '' : num(p.x),
        String(p.n),
        num(p.mean),
        num(p.sd),
        num(p.min),
        num(p.max),
        s.baseline === null || !compared(s) ? '—' : e(`${fmt(s.baseline.value)} (${s.baseline.metric})`),
        compared(s) ? `${s.beatBaseline.beaten} of ${s.beatBaseline.compared}` : '—',
      ]),
    );
    parts.push(`<h3>${e(metric.label)}</h3>`, table(['setting', 'x', 'seeds', 'mean', 'sd', 'min', 'max', 'baseline', 'runs beating it'], rows));
  }
  parts.push(
    '<h2>Runs</h2>',
    table(
      [
        'run',
        ...plan.axes.map((a) => e(a.label)),
        'seed',
        'status',
        ...Object.values(study.metrics)
          .filter((m) => m.kind === 'final')
          .map((m) => e(m.label)),
        'baseline',
        'beat baseline',
      ],
      analysis.runs.map((run) => [
        run.runId === null ? '(deleted)' : String(run.runId),
        ...plan.axes.map((a) => e(run.setting[a.name] ?? '')),
        String(run.seed),
        e(run.status),
        ...Object.entries(study.metrics)
          .filter(([, m]) => m.kind === 'final')
          .map(([id]) => num(run.values[id]?.[0]?.y ?? null)),
        run.baseline === null ? '—' : e(`${fmt(run.baseline.value)} (${run.baseline.metric})`),
        run.beatBaseline === null ? '—' : run.beatBaseline ? 'yes' : 'no',
      ]),
    ),
    '<h2>Rerun it</h2>',
    `<p>From a terminal: <code>${e(`seqlab study run ${study.id} --budget ${plan.budget} --report report.html`)}</code>. The runs are the trials of this sweep spec (each checked like any spec before a run starts; <code>seqlab sweep FILE</code> runs it alone):</p>`,
    `<pre>${e(JSON.stringify(plan.sweep, null, 2))}</pre>`,
    `<p><small>Written ${e(new Date(input.generatedAt).toISOString())} by SeqLab ${e(input.seqlabVersion)}.</small></p>`,
    '</body></html>',
  );
  return parts.join('\n');
}

function figureCaption(figure: FigureData): string {
  const spread = 'Points are means over seeds; bars span their min and max.';
  return figure.baselineNote === null ? `${spread} Dashed: the task's trivial baseline.` : `${spread} ${figure.baselineNote}`;
}

/** Cells are HTML already escaped by the caller. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => (cell.startsWith('<td') ? cell : `<td>${cell}</td>`)).join('')}</tr>`).join('\n');
  return `<table>${head}\n${body}</table>`;
}

function num(value: number | null): string {
  return `<td class="num">${escapeHtml(fmt(value))}</td>`;
}
