// The job a trial travels as: what an agent needs to train one run without the store. The spec is the run's
// stored spec (the agent's training worker validates it again, against the agent's machine too); a run that
// continues carries the checkpoint it continues from unless an agent already sent a later one (queue-keys.ts).

export interface TrialJob {
  /** The run store it belongs to (queue-keys.ts storeKey). */
  readonly store: string;
  readonly runId: number;
  readonly spec: unknown;
  /** A 'latest' checkpoint from the store (base64 of its encoded bytes) to start from; null: from step 0. */
  readonly checkpoint: { readonly step: number; readonly base64: string } | null;
}

/** The job's data as an agent received it, or why it cannot be a SeqLab trial (another program's job, another version's). */
export function readTrialJob(data: unknown): { ok: true; job: TrialJob } | { ok: false; reason: string } {
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'the job carries no object' };
  const d = data as Record<string, unknown>;
  if (typeof d.store !== 'string' || !/^[0-9a-f]{16}$/.test(d.store)) return { ok: false, reason: 'the job names no run store (store: 16 hex digits)' };
  if (typeof d.runId !== 'number' || !Number.isInteger(d.runId) || d.runId <= 0)
    return { ok: false, reason: 'the job names no run (runId: a positive integer)' };
  if (!('spec' in d)) return { ok: false, reason: 'the job carries no spec' };
  const c = d.checkpoint;
  if (c !== null) {
    const valid =
      typeof c === 'object' &&
      c !== null &&
      typeof (c as Record<string, unknown>).step === 'number' &&
      typeof (c as Record<string, unknown>).base64 === 'string';
    if (!valid) return { ok: false, reason: 'the job carries a damaged checkpoint (expected { step, base64 } or null)' };
  }
  return { ok: true, job: { store: d.store, runId: d.runId, spec: d.spec, checkpoint: c as TrialJob['checkpoint'] } };
}
