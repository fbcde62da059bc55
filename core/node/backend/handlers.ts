// The API's implementation: one handler per call of the contract, over the run store.
import { ApiError } from '../../common/api/result';
import { listTaskInfo } from '../../common/tasks/task-info';
import type { AppInfo } from '../../common/api/entities';
import type { Store } from '../store/store';
import type { ApiHandlers } from './dispatch';
import type { EventBus } from './event-bus';

export function createHandlers(store: Store, events: EventBus, info: AppInfo): ApiHandlers {
  return {
    'app.info': () => info,

    'experiments.list': () => store.experiments.list().map(({ lastRunAt: _lastRunAt, ...experiment }) => experiment),

    'experiments.create': (request) => {
      const created = store.experiments.create(request);
      if (!created.ok) throw new ApiError('conflict', created.message, [{ path: 'name', message: created.message }]);
      events.emit('experiments.changed', {});
      return { ...created.value, runCount: 0 };
    },

    'experiments.delete': ({ id }) => {
      const deleted = store.experiments.delete(id);
      if (!deleted) throw new ApiError('not-found', `Experiment ${id} does not exist (it may have been deleted already).`);
      events.emit('experiments.changed', {});
      return { deleted };
    },

    'tasks.list': () => listTaskInfo(),

    'runs.list': ({ experimentId }) =>
      store.runs.list(experimentId === undefined ? {} : { experimentId }).map((run) => ({
        id: run.id,
        experimentId: run.experimentId,
        name: run.name,
        status: run.status,
        error: run.error,
        step: run.step,
        totalSteps: run.totalSteps,
        createdAt: run.createdAt,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
      })),
  };
}
