// The optimiser interface and the per-parameter state every optimiser keeps: a step count and
// named moment buffers (PyTorch's `optimizer.state[p]`), exportable for bit-exact checkpoints.

import { allocFloat } from '../../nn/param';
import type { FloatArray, Param } from '../../nn/param';

export type OptimizerKind = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';

/** One parameter's optimiser state. Buffer names are PyTorch's (`exp_avg`, `momentum_buffer`, …). */
export interface ParamSlotState {
  readonly step: number;
  readonly buffers: Readonly<Record<string, FloatArray>>;
}

/**
 * Everything an optimiser carries between steps, keyed by parameter name. Buffers have the dtype
 * of their parameter (Float32Array for float32 models), so save → load continues bit-identically.
 * It holds only typed arrays, numbers and strings: it survives structuredClone / postMessage.
 */
export interface OptimizerState {
  readonly kind: OptimizerKind;
  readonly slots: Readonly<Record<string, ParamSlotState>>;
}

export interface Optimizer {
  readonly kind: OptimizerKind;
  /**
   * Updates every parameter in place from its `grad`, with this step's learning rate (schedules
   * live outside, see schedules.ts). Grads are read, never modified or zeroed.
   */
  step(params: readonly Param[], lr: number): void;
  /** A deep copy of the state: later steps do not change it. */
  state(): OptimizerState;
  /** Replaces the state with a deep copy of `state`; throws if it does not fit this optimiser. */
  loadState(state: OptimizerState): void;
}

/** Mutable per-parameter state; `buffers` follow the optimiser's `bufferNames` order. */
export interface Slot {
  step: number;
  readonly buffers: FloatArray[];
}

/**
 * Shared bookkeeping: creates a slot per parameter on its first step, counts steps, exports and
 * loads state. A subclass names its buffers and writes the update for one parameter.
 */
export abstract class SlotOptimizer implements Optimizer {
  abstract readonly kind: OptimizerKind;
  /** Buffer names of one slot, in the order `update` finds them in `slot.buffers`. */
  protected abstract readonly bufferNames: readonly string[];
  private readonly slots = new Map<string, Slot>();

  /** Applies one update to `p`; `slot.step` has already been incremented (1 on the first step). */
  protected abstract update(p: Param, slot: Slot, lr: number): void;

  /** Value a fresh buffer starts at (Adagrad's initial_accumulator_value); zero by default. */
  protected initialValue(_bufferName: string): number {
    return 0;
  }

  step(params: readonly Param[], lr: number): void {
    if (!(Number.isFinite(lr) && lr >= 0)) throw new Error(`${this.kind}.step: lr must be a finite number >= 0, got ${lr}`);
    for (const p of params) {
      if (p.grad.length !== p.data.length) {
        throw new Error(`${this.kind}.step(${p.name}): grad has ${p.grad.length} values but data has ${p.data.length}`);
      }
      const slot = this.slotFor(p);
      slot.step += 1;
      this.update(p, slot, lr);
    }
  }

  private slotFor(p: Param): Slot {
    let slot = this.slots.get(p.name);
    if (slot === undefined) {
      const dtype = p.data instanceof Float64Array ? 'float64' : 'float32';
      const buffers = this.bufferNames.map((name) => allocFloat(dtype, p.data.length).fill(this.initialValue(name)));
      slot = { step: 0, buffers };
      this.slots.set(p.name, slot);
    }
    for (const b of slot.buffers) {
      if (b.length !== p.data.length || b.constructor !== p.data.constructor) {
        throw new Error(
          `${this.kind}.step(${p.name}): state buffer (${b.length} values) does not match the parameter (${p.data.length} values, ${p.data.constructor.name})`,
        );
      }
    }
    return slot;
  }

  state(): OptimizerState {
    const slots: Record<string, ParamSlotState> = {};
    for (const [name, slot] of this.slots) {
      const buffers: Record<string, FloatArray> = {};
      this.bufferNames.forEach((bufferName, i) => {
        buffers[bufferName] = slot.buffers[i]!.slice();
      });
      slots[name] = { step: slot.step, buffers };
    }
    return { kind: this.kind, slots };
  }

  loadState(state: OptimizerState): void {
    if (state.kind !== this.kind) throw new Error(`${this.kind}.loadState: state is for '${state.kind}'`);
    const loaded = new Map<string, Slot>();
    for (const [name, saved] of Object.entries(state.slots)) {
      if (!Number.isInteger(saved.step) || saved.step < 0) {
        throw new Error(`${this.kind}.loadState(${name}): step must be an integer >= 0, got ${saved.step}`);
      }
      const names = Object.keys(saved.buffers).sort().join(', ');
      if (names !== [...this.bufferNames].sort().join(', ')) {
        throw new Error(`${this.kind}.loadState(${name}): buffers [${names}] but this optimiser uses [${this.bufferNames.join(', ')}]`);
      }
      const buffers = this.bufferNames.map((bufferName) => {
        const b = saved.buffers[bufferName];
        if (!(b instanceof Float32Array || b instanceof Float64Array)) {
          throw new Error(`${this.kind}.loadState(${name}): buffer '${bufferName}' must be a Float32Array or Float64Array`);
        }
        return b.slice();
      });
      loaded.set(name, { step: saved.step, buffers });
    }
    this.slots.clear();
    for (const [name, slot] of loaded) this.slots.set(name, slot);
  }
}

/** Checks a hyper-parameter at construction; the error names the optimiser and the value. */
export function checkHyper(kind: OptimizerKind, name: string, value: number, ok: (v: number) => boolean, rule: string): void {
  if (!(Number.isFinite(value) && ok(value))) throw new Error(`${kind}: ${name} must be ${rule}, got ${value}`);
}
