// The held-out (validation and test) streams of a task. They are seeded by the task itself — its id and
// its parameters — and never by a run's seed, so every run of the same task (and dataset) is scored on
// the same examples, whatever seed it trains with: two runs that differ only in their seed are compared
// on equal footing. Series tasks already keep their held-out windows inside a fixed region of their
// series (series-split.ts); this fixes which windows (or which i.i.d. examples) are drawn.
import { Rng } from '../random/rng';
import type { ParamValue } from './params';
import type { Task } from './task';

export type HeldOutSplit = 'validation' | 'test';

/** The generator of a task's fixed held-out split: the same examples for every run of the task. */
export function heldOutRng(task: Pick<Task, 'id' | 'params'>, split: HeldOutSplit): Rng {
  return new Rng(fnv1a(`${task.id}\u0000${canonicalParams(task.params)}\u0000${split}`));
}

/** Parameters in key order, so { a, b } and { b, a } name the same task. */
function canonicalParams(params: Readonly<Record<string, ParamValue>>): string {
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((key) => [key, params[key]]),
  );
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash >>> 0;
}
