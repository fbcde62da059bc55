// A spec worker's failure (crash, out of memory) as an API error: the spec was not judged, so it is 'internal'.
import { ApiError } from '../../common/api/result';
import { SpecWorkerError } from '../data/spec-service';

/** @param consequence appended to the worker's message, e.g. "The run was not created." */
export async function inSpecWorker<T>(work: Promise<T>, consequence = ''): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SpecWorkerError) throw new ApiError('internal', consequence === '' ? error.message : `${error.message} ${consequence}`);
    throw error;
  }
}
