// API handlers for studies: list (the built-in studies and every study run), run (a study's plan checked trial by
// trial in the spec worker as sweeps.create checks a sweep, then its experiment, sweep, runs and study row stored
// together), get (runs, aggregates, checks, verdict, figures) and report (HTML and CSV).
import { ApiError } from '../../common/api/result';
import { builtinStudies, findBuiltinStudy } from '../../common/studies/builtin-studies';
import type { StudyDetail, StudySummary } from '../../common/api/study-entities';
import { studyInfo } from '../studies/study-info';
import { studyCsv } from '../../common/studies/study-csv';
import { parseStudyDefinition, type StudyDefinition } from '../../common/studies/study-definition';
import { planStudy, StudyPlanError } from '../../common/studies/study-plan';
import { studyReportHtml } from '../../common/studies/study-report';
import { metricSeries } from '../../common/studies/study-metrics';
import { formatSweepIssues } from '../../common/spec/sweep-spec';
import type { SpecService } from '../data/spec-service';
import type { Store } from '../store/store';
import { readStudy, type ReadStudy } from '../studies/read-study';
import type { ApiHandlers } from './dispatch';
import type { EventBus } from './event-bus';
import { inSpecWorker } from './spec-worker-call';
import { storeSweep } from './sweep-handlers';
import type { SweepScheduler } from './sweep-scheduler';
import { SEQLAB_VERSION } from './version';

type StudyHandlers = Pick<ApiHandlers, 'studies.list' | 'studies.run' | 'studies.get' | 'studies.report'>;

export function createStudyHandlers(store: Store, events: EventBus, specs: SpecService, scheduler: SweepScheduler): StudyHandlers {
  const stored = (id: number): ReadStudy => {
    const row = store.studies.get(id);
    if (!row) throw new ApiError('not-found', `Study ${id} does not exist.`);
    return readStudy(store, row);
  };

  return {
    'studies.list': () => ({
      builtin: builtinStudies().map(studyInfo),
      studies: store.studies.list().map((row) => summary(readStudy(store, row))),
    }),

    'studies.run': async ({ study: id, definition, budget }) => {
      const study = id !== undefined ? builtin(id) : custom(definition);
      let plan;
      try {
        plan = planStudy(study, budget);
      } catch (error) {
        if (error instanceof StudyPlanError) throw new ApiError('invalid-request', error.message, [{ path: 'budget', message: error.message }]);
        throw error;
      }
      // Every trial resolved and checked against this machine in the spec worker, as `seqlab validate` checks one spec.
      const parsed = await inSpecWorker(specs.resolveSweep(plan.sweep), 'The study was not started.');
      if (!parsed.ok) {
        const issues = parsed.issues.map((i) => ({ path: `sweep.${i.path}`, message: i.message }));
        throw new ApiError(
          'invalid-request',
          `Study "${study.id}" (${budget}) cannot run: a trial is refused, so no run was created:\n${formatSweepIssues(parsed.issues)}`,
          issues,
        );
      }
      const created = store.transaction(() => {
        const experimentId = studyExperiment(store, study);
        const sweep = storeSweep(store, experimentId, parsed);
        const row = store.studies.create({
          studyKey: study.id,
          version: study.version,
          budget,
          definition: study,
          experimentId,
          sweepId: sweep.sweepId,
          runIds: sweep.runIds,
        });
        return { id: row.id, experimentId, ...sweep };
      });
      events.emit('experiments.changed', {});
      events.emit('studies.changed', {});
      scheduler.pump(created.sweepId);
      return created;
    },

    'studies.get': ({ id }): StudyDetail => {
      const read = stored(id);
      const { study, plan, analysis } = read;
      return {
        ...summary(read),
        question: study.question,
        citation: study.citation,
        explanation: study.criterion.explanation,
        axes: plan.axes.map((axis) => ({ name: axis.name, label: axis.label, values: axis.values.map((v) => v.label) })),
        metrics: Object.fromEntries(Object.entries(study.metrics).map(([key, m]) => [key, { kind: m.kind, label: m.label, series: metricSeries(m) }])),
        // The analysis's readonly shapes are the schema's, which the dispatcher checks on the way out.
        runs: analysis.runs as StudyDetail['runs'],
        settings: analysis.settings as StudyDetail['settings'],
        checks: analysis.checks as StudyDetail['checks'],
        figures: read.figures as StudyDetail['figures'],
      };
    },

    'studies.report': ({ id }) => {
      const read = stored(id);
      const html = studyReportHtml({
        study: read.study,
        plan: read.plan,
        analysis: read.analysis,
        figures: read.figures,
        studyRunId: read.row.id,
        sweepId: read.row.sweepId,
        createdAt: read.row.createdAt,
        generatedAt: Date.now(),
        seqlabVersion: SEQLAB_VERSION,
      });
      return { fileName: `study-${read.row.id}-${read.study.id}-${read.plan.budget}.html`, html, csv: studyCsv(read.study, read.plan, read.analysis) };
    },
  };
}

function builtin(id: string): StudyDefinition {
  const study = findBuiltinStudy(id);
  if (!study) {
    const message = `There is no built-in study "${id}"; there are: ${builtinStudies()
      .map((s) => s.id)
      .join(', ')}.`;
    throw new ApiError('not-found', message, [{ path: 'study', message }]);
  }
  return study;
}

function custom(raw: unknown): StudyDefinition {
  const parsed = parseStudyDefinition(raw);
  if (parsed.ok) return parsed.study;
  const issues = parsed.issues.map((i) => ({ path: `definition.${i.path}`, message: i.message }));
  throw new ApiError('invalid-request', `The study definition is not valid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, issues);
}

/** The experiment `Study: <title>` (names are unique regardless of case), created when missing. */
function studyExperiment(store: Store, study: StudyDefinition): number {
  const name = `Study: ${study.title}`.slice(0, 120);
  const found = store.experiments.list().find((e) => e.name.toLowerCase() === name.toLowerCase());
  if (found) return found.id;
  const created = store.experiments.create({ name, notes: `${study.question}\n\n${study.citation}` });
  if (!created.ok) throw new ApiError('conflict', created.message);
  return created.value.id;
}

function summary({ row, study, analysis }: ReadStudy): StudySummary {
  return {
    id: row.id,
    studyKey: row.studyKey,
    version: row.version,
    title: study.title,
    budget: row.budget,
    experimentId: row.experimentId,
    sweepId: row.sweepId,
    createdAt: row.createdAt,
    progress: { ...analysis.progress },
    verdict: analysis.verdict,
    reason: analysis.reason,
  };
}
