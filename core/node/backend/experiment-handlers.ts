// API handlers for experiments: list, create, edit (name, description, tags, archive) and delete (a cascade).
import { ApiError } from '../../common/api/result';
import type { Experiment } from '../../common/api/entities';
import type { Store } from '../store/store';
import type { ApiHandlers } from './dispatch';
import type { EventBus } from './event-bus';

type ExperimentHandlers = Pick<ApiHandlers, 'experiments.list' | 'experiments.create' | 'experiments.update' | 'experiments.delete'>;

export function createExperimentHandlers(store: Store, events: EventBus): ExperimentHandlers {
  const withRunCount = (id: number): Experiment => {
    const summary = store.experiments.list().find((experiment) => experiment.id === id);
    if (!summary) throw new ApiError('not-found', `Experiment ${id} does not exist (it may have been deleted).`);
    const { lastRunAt: _lastRunAt, ...experiment } = summary;
    return experiment;
  };
  return {
    'experiments.list': () => store.experiments.list().map(({ lastRunAt: _lastRunAt, ...experiment }) => experiment),

    'experiments.create': (request) => {
      const created = store.experiments.create(request);
      if (!created.ok) throw new ApiError('conflict', created.message, [{ path: 'name', message: created.message }]);
      events.emit('experiments.changed', {});
      return { ...created.value, runCount: 0 };
    },

    'experiments.update': ({ id, ...changes }) => {
      const updated = store.experiments.update(id, changes);
      if (!updated.ok)
        throw new ApiError(updated.code === 'name-taken' ? 'conflict' : 'invalid-request', updated.message, [{ path: 'name', message: updated.message }]);
      if (updated.value === undefined) throw new ApiError('not-found', `Experiment ${id} does not exist (it may have been deleted).`);
      events.emit('experiments.changed', {});
      return withRunCount(id);
    },

    // A cascade, not a refusal: the confirmation in the app names what goes with it. Active runs would lose their rows
    // under their workers, so those are refused by name.
    'experiments.delete': ({ id }) => {
      const active = store.runs.list({ experimentId: id, statuses: ['queued', 'running', 'paused'] });
      if (active.length > 0) throw new ApiError('conflict', `Experiment ${id} has ${active.length} active run(s); stop them before deleting it.`);
      const runs = store.runs.list({ experimentId: id }).length;
      const deleted = store.experiments.delete(id);
      if (!deleted) throw new ApiError('not-found', `Experiment ${id} does not exist (it may have been deleted already).`);
      events.emit('experiments.changed', {});
      return { deleted, runs };
    },
  };
}
