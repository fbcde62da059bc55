// What every training session shares: the seeded data and dropout streams, the optimiser, the step
// count, and a checkpoint that captures all of them with the parameters, so that `restore` continues a
// run exactly as if it had never stopped. Subclasses build the model and take the steps.
import { Rng } from '../random/rng';
import type { Param } from '../nn/param';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { Optimizer } from './optim/optimizer';
import type { SessionCheckpoint } from './run-session';
import { loadParams } from '../models/run-model';
import { STREAM, optimizerFor, streamRng } from './session-setup';

export abstract class SeededSession {
  protected readonly optimizer: Optimizer;
  protected dataRng: Rng;
  protected dropoutRng: Rng;
  protected completed = 0;

  constructor(readonly spec: ExperimentSpec) {
    this.optimizer = optimizerFor(spec.training);
    this.dataRng = streamRng(spec.seed, STREAM.data);
    this.dropoutRng = streamRng(spec.seed, STREAM.dropout);
  }

  /** Every trained parameter, under the names checkpoints use. */
  abstract get params(): readonly Param[];

  /** Steps completed. */
  get step(): number {
    return this.completed;
  }

  get finished(): boolean {
    return this.completed >= this.spec.training.steps;
  }

  checkpoint(): SessionCheckpoint {
    const params: Record<string, Float32Array> = {};
    for (const p of this.params) params[p.name] = Float32Array.from(p.data);
    return { step: this.completed, params, optimizer: this.optimizer.state(), dataRng: this.dataRng.state(), dropoutRng: this.dropoutRng.state() };
  }

  restore(checkpoint: SessionCheckpoint): void {
    const problem = loadParams(this.params, checkpoint.params);
    if (problem !== null) throw new Error(`restore: the checkpoint has ${problem}; it was not written for this model`);
    this.optimizer.loadState(checkpoint.optimizer);
    this.dataRng = Rng.fromState(checkpoint.dataRng);
    this.dropoutRng = Rng.fromState(checkpoint.dropoutRng);
    this.completed = checkpoint.step;
  }
}
