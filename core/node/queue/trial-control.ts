// Pause, resume and stop of a trial in training, published by the app on the control channel to every agent;
// the one training the run passes it to its training worker.

export type TrialControlKind = 'pause' | 'resume' | 'stop';

export interface TrialControl {
  readonly store: string;
  readonly runId: number;
  readonly control: TrialControlKind;
}

export function readControl(text: string): TrialControl | null {
  try {
    const value = JSON.parse(text) as Partial<TrialControl>;
    if (typeof value.store !== 'string' || typeof value.runId !== 'number') return null;
    if (value.control !== 'pause' && value.control !== 'resume' && value.control !== 'stop') return null;
    return { store: value.store, runId: value.runId, control: value.control };
  } catch {
    return null;
  }
}
