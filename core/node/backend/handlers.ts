// The API's implementation: one handler per call of the contract, over the run store.
import type { AppInfo, Preset, TaskInfo } from '../../common/api/entities';
import type { Runner } from '../runner';
import { createRunHandlers } from './run-handlers';
import { createRunDataHandlers } from './run-data-handlers';
import { createRunEditHandlers } from './run-edit-handlers';
import { createExperimentHandlers } from './experiment-handlers';
import { createAttentionHandler } from './attention-handler';
import { createExplorerHandlers } from './explorer-handler';
import { createSweepHandlers } from './sweep-handlers';
import { createStudyHandlers } from './study-handlers';
import { createModelHandlers } from './model-handlers';
import { createTeachingHandlers } from './teaching-handlers';
import type { TeachingService } from '../teaching/teaching-service';
import { createGateLayoutHandler } from './gate-layout-handler';
import { createDatasetHandlers } from './dataset-handlers';
import type { ModelService } from '../models/model-service';
import type { SpecService } from '../data/spec-service';
import type { ImportService } from '../data/import-service';
import { inSpecWorker } from './spec-worker-call';
import type { SweepScheduler } from './sweep-scheduler';
import type { Store } from '../store/store';
import type { ApiHandlers } from './dispatch';
import type { EventBus } from './event-bus';

export function createHandlers(
  store: Store,
  runner: Runner,
  events: EventBus,
  info: AppInfo,
  presets: Preset[],
  sweeps: SweepScheduler,
  models: ModelService,
  specs: SpecService,
  imports: ImportService,
  teaching: TeachingService,
): ApiHandlers {
  // Built once per process, in the spec worker: instantiating every task at its defaults (baselines) takes ~0.2 s.
  let taskInfo: Promise<TaskInfo[]> | null = null;
  const runHandlers = createRunHandlers(store, runner, specs);
  return {
    'app.info': () => info,

    ...createExperimentHandlers(store, events),

    'tasks.list': () =>
      (taskInfo ??= inSpecWorker(specs.taskInfo()).catch((error: unknown) => {
        taskInfo = null; // the next call tries again
        throw error;
      })),

    'presets.list': () => presets,

    ...runHandlers,
    ...createRunDataHandlers(store),
    ...createRunEditHandlers(store),

    ...createAttentionHandler(store),
    ...createExplorerHandlers(store),

    ...createSweepHandlers(store, sweeps, specs, runner),

    ...createStudyHandlers(store, events, specs, sweeps),

    ...createModelHandlers(models),

    ...createTeachingHandlers(teaching, runHandlers['runs.create']),

    ...createGateLayoutHandler(store, specs),

    ...createDatasetHandlers(store, events, imports),
  };
}
