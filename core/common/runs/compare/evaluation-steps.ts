// Whether a run's progress from one step to another passed one of its evaluations: validation is logged at every
// multiple of `evalEvery` and at the last step (metric-names.ts), so a view holding a validation series re-reads it
// then, and not on every progress event.

/**
 * @param before the last step already seen (0 before any)
 * @param step   the step the run reports now (progress events are throttled: several steps may lie between)
 */
export function passedEvaluation(before: number, step: number, evalEvery: number, totalSteps: number): boolean {
  if (!Number.isInteger(evalEvery) || evalEvery < 1) throw new Error(`passedEvaluation: evalEvery must be a positive integer, got ${evalEvery}`);
  if (step <= before) return false;
  return Math.floor(step / evalEvery) > Math.floor(before / evalEvery) || step === totalSteps;
}
