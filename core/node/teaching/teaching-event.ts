// A worker's update as the teaching.update event carries it: the client it belongs to, and non-finite numbers
// (a diverging loss, an exploding gradient) as null, which JSON can carry.
import type { TeachingUpdateEntity } from '../../common/api/teaching-entities';
import type { TeachingUpdate } from './teaching-protocol';

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function teachingUpdateEvent(clientId: string, update: TeachingUpdate): TeachingUpdateEntity {
  return {
    clientId,
    generation: update.generation,
    step: update.step,
    running: update.running,
    losses: update.losses.map(([step, loss]) => [step, finite(loss)]),
    gradProfile: update.gradProfile === null ? null : update.gradProfile.map(finite),
    prediction: update.prediction,
    stopped: update.stopped,
  };
}
