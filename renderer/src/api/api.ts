// The renderer's API wrappers: the only code that calls the client. Stores call these; components never do.
import type { ApiClient } from '../../../core/common/api/client';
import type { ApiEvent, ApiEventName, ApiRequest } from '../../../core/common/api/contract';
import { DEFAULT_CHECKPOINT_KIND, type CheckpointKind } from '../../../core/common/train/checkpoint-kinds';

let client: ApiClient | null = null;

export function setApiClient(next: ApiClient): void {
  client = next;
}

function api(): ApiClient {
  if (!client) throw new Error('API client used before connectClient() ran');
  return client;
}

export const appApi = {
  info: () => api().call('app.info', {}),
};

export const experimentsApi = {
  list: () => api().call('experiments.list', {}),
  create: (request: ApiRequest<'experiments.create'>) => api().call('experiments.create', request),
  remove: (id: number) => api().call('experiments.delete', { id }),
  /** Rename, description (notes), tags, archive. */
  update: (request: ApiRequest<'experiments.update'>) => api().call('experiments.update', request),
};

export const tasksApi = {
  list: () => api().call('tasks.list', {}),
};

export const presetsApi = {
  list: () => api().call('presets.list', {}),
};

export const runsApi = {
  list: (experimentId?: number) => api().call('runs.list', experimentId === undefined ? {} : { experimentId }),
  create: (experimentId: number, spec: unknown, name?: string) => api().call('runs.create', name ? { experimentId, spec, name } : { experimentId, spec }),
  /** The spec checked as runs.create would, with its resource estimate; creates nothing. */
  check: (spec: unknown) => api().call('runs.check', { spec }),
  get: (id: number) => api().call('runs.get', { id }),
  pause: (id: number) => api().call('runs.pause', { id }),
  resume: (id: number) => api().call('runs.resume', { id }),
  stop: (id: number) => api().call('runs.stop', { id }),
  remove: (id: number) => api().call('runs.delete', { id }),
  /** Undoes runs.delete until the run is purged. */
  restore: (id: number) => api().call('runs.restore', { id }),
  /** Rename, tags, notes. */
  update: (request: ApiRequest<'runs.update'>) => api().call('runs.update', request),
  /** Every run's results and cell, for the runs table. */
  listResults: () => api().call('runs.listResults', {}),
  metrics: (id: number, names: string[], maxPoints?: number) => api().call('runs.metrics', maxPoints ? { id, names, maxPoints } : { id, names }),
  gradientNorms: (id: number) => api().call('runs.gradientNorms', { id }),
  /** Final and best metrics, the task's baseline beside them, accuracy by source length. */
  results: (id: number) => api().call('runs.results', { id }),
  /** Every logged value of every metric at full resolution (for an exact CSV). */
  history: (id: number) => api().call('runs.history', { id }),
  attention: (id: number, checkpoint: CheckpointKind = DEFAULT_CHECKPOINT_KIND, count = 4) => api().call('runs.attention', { id, checkpoint, count }),
};

export const sweepsApi = {
  list: (experimentId?: number) => api().call('sweeps.list', experimentId === undefined ? {} : { experimentId }),
  create: (experimentId: number, sweep: unknown) => api().call('sweeps.create', { experimentId, sweep }),
  get: (id: number) => api().call('sweeps.get', { id }),
  stop: (id: number) => api().call('sweeps.stop', { id }),
};

export const modelsApi = {
  export: (request: ApiRequest<'models.export'>) => api().call('models.export', request),
  list: (runId?: number) => api().call('models.list', runId === undefined ? {} : { runId }),
  describe: (exportId: number) => api().call('models.describe', { exportId }),
  predict: (request: ApiRequest<'models.predict'>) => api().call('models.predict', request),
  forecast: (request: ApiRequest<'models.forecast'>) => api().call('models.forecast', request),
  example: (request: ApiRequest<'models.example'>) => api().call('models.example', request),
  generate: (request: ApiRequest<'models.generate'>) => api().call('models.generate', request),
  translate: (request: ApiRequest<'models.translate'>) => api().call('models.translate', request),
  unroll: (request: ApiRequest<'models.unroll'>) => api().call('models.unroll', request),
  gateLayout: (request: ApiRequest<'models.gateLayout'>) => api().call('models.gateLayout', request),
};

export const datasetsApi = {
  preview: (request: ApiRequest<'datasets.preview'>) => api().call('datasets.preview', request),
  import: (request: ApiRequest<'datasets.import'>) => api().call('datasets.import', request),
  list: () => api().call('datasets.list', {}),
};

export const studiesApi = {
  /** The built-in studies and every study run so far with its progress and verdict. */
  list: () => api().call('studies.list', {}),
  run: (study: string, budget: string) => api().call('studies.run', { study, budget }),
  get: (id: number) => api().call('studies.get', { id }),
  /** The self-contained HTML report and the CSV of results. */
  report: (id: number) => api().call('studies.report', { id }),
};

export const teachingApi = {
  configure: (request: ApiRequest<'teaching.configure'>) => api().call('teaching.configure', request),
  control: (request: ApiRequest<'teaching.control'>) => api().call('teaching.control', request),
  keepAlive: (clientId: string) => api().call('teaching.keepAlive', { clientId }),
  stop: (clientId: string) => api().call('teaching.stop', { clientId }),
  saveAsRun: (request: ApiRequest<'teaching.saveAsRun'>) => api().call('teaching.saveAsRun', request),
};

export function onApiEvent<E extends ApiEventName>(event: E, listener: (payload: ApiEvent<E>) => void): () => void {
  return api().on(event, listener);
}

/** The hidden-state explorer: a run's states and gates from a checkpoint, computed in a worker (one page per call). */
export const explorerApi = {
  trace: (request: ApiRequest<'explorer.trace'>) => api().call('explorer.trace', request),
  search: (request: ApiRequest<'explorer.search'>) => api().call('explorer.search', request),
  saturation: (request: ApiRequest<'explorer.saturation'>) => api().call('explorer.saturation', request),
};
