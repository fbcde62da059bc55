// API handlers of the teaching playground: commands go to the client's teaching worker (TeachingService); "save as
// run" creates a normal run from the session's current settings through runs.create, the only write.
import type { ApiHandlers } from './dispatch';
import { ApiError } from '../../common/api/result';
import { teachingSpecInput } from '../../common/teaching/teaching-spec';
import type { TeachingResult, TeachingService } from '../teaching/teaching-service';
import type { TeachingStateEntity } from '../../common/api/teaching-entities';

type TeachingHandlers = Pick<ApiHandlers, 'teaching.configure' | 'teaching.control' | 'teaching.keepAlive' | 'teaching.stop' | 'teaching.saveAsRun'>;

function stateOf(result: TeachingResult): TeachingStateEntity {
  if (!result.ok) throw new ApiError('conflict', result.message);
  const { reply } = result;
  if (!reply.ok) {
    const issues = reply.issues.map((issue) => ({ path: `settings.${issue.path}`, message: issue.message }));
    throw new ApiError('invalid-request', `These settings cannot train: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, issues);
  }
  return reply.state;
}

export function createTeachingHandlers(teaching: TeachingService, createRun: ApiHandlers['runs.create']): TeachingHandlers {
  return {
    'teaching.configure': async ({ clientId, settings }) => stateOf(await teaching.configure(clientId, settings)),
    'teaching.control': async ({ clientId, action }) => stateOf(await teaching.command(clientId, { type: action })),
    'teaching.keepAlive': ({ clientId }) => ({ alive: teaching.keepAlive(clientId) }),
    'teaching.stop': async ({ clientId }) => ({ stopped: await teaching.stop(clientId) }),
    'teaching.saveAsRun': async ({ clientId, experimentId, steps }) => {
      // the settings of the session as it trains now (the worker's answer), never a copy the page may have changed
      const state = stateOf(await teaching.command(clientId, { type: 'state' }));
      return createRun({ experimentId, spec: teachingSpecInput(state.settings, { steps, evalEvery: 100, gradNormsEvery: 50 }) });
    },
  };
}
