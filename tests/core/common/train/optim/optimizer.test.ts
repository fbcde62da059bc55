import { describe, expect, it } from 'vitest';
import { createParam } from '../../../../../core/common/nn/param';
import type { Param } from '../../../../../core/common/nn/param';
import { createOptimizer } from '../../../../../core/common/train/optim/create-optimizer';
import type { OptimizerState } from '../../../../../core/common/train/optim/optimizer';
import { CASES, referenceParams, referenceStep } from './torch-reference';

function copyParams(params: readonly Param[]): Param[] {
  return params.map((p) => {
    const q = createParam(p.name, p.shape, p.data instanceof Float64Array ? 'float64' : 'float32');
    q.data.set(p.data);
    return q;
  });
}

function bits(params: readonly Param[]): number[][] {
  return params.map((p) => Array.from(new Uint32Array(p.data.buffer, p.data.byteOffset, p.data.byteLength / 4)));
}

describe('optimiser state save / load', () => {
  for (const c of CASES) {
    it(`continues bit-identically after a restore (float32): ${c.name}`, () => {
      const original = createOptimizer(c.config);
      const params = referenceParams('float32');
      for (let t = 1; t <= 2; t++) referenceStep(original, params, t);

      // what a checkpoint does: copy the state across a worker boundary, restore into a new optimiser
      const saved = structuredClone(original.state());
      const restored = createOptimizer(c.config);
      restored.loadState(saved);
      const restoredParams = copyParams(params);

      for (let t = 3; t <= 6; t++) {
        referenceStep(original, params, t);
        referenceStep(restored, restoredParams, t);
      }
      expect(bits(restoredParams)).toEqual(bits(params));
      expect(restored.state()).toEqual(original.state());
    });
  }

  it('exports float32 buffers for float32 parameters, with per-parameter step counts', () => {
    const opt = createOptimizer({ kind: 'adam' });
    const params = referenceParams('float32');
    referenceStep(opt, params, 1);
    referenceStep(opt, params, 2);
    const state = opt.state();
    expect(state.kind).toBe('adam');
    expect(Object.keys(state.slots)).toEqual(['layer.p0', 'layer.p1']);
    expect(state.slots['layer.p0']!.step).toBe(2);
    expect(state.slots['layer.p0']!.buffers['exp_avg']).toBeInstanceOf(Float32Array);
    expect(state.slots['layer.p1']!.buffers['exp_avg_sq']!.length).toBe(3);
  });

  it('returns a deep copy: later steps and edits do not leak between optimiser and state', () => {
    const opt = createOptimizer({ kind: 'sgd', momentum: 0.9 });
    const params = referenceParams();
    referenceStep(opt, params, 1);
    const saved = opt.state();
    const before = Array.from(saved.slots['layer.p0']!.buffers['momentum_buffer']!);
    referenceStep(opt, params, 2);
    expect(Array.from(saved.slots['layer.p0']!.buffers['momentum_buffer']!)).toEqual(before);

    opt.loadState(saved);
    saved.slots['layer.p0']!.buffers['momentum_buffer']!.fill(123);
    expect(opt.state().slots['layer.p0']!.buffers['momentum_buffer']![0]).toBe(before[0]);
  });

  it('refuses state from another optimiser or with the wrong buffers', () => {
    const adam = createOptimizer({ kind: 'adam' });
    const params = referenceParams();
    referenceStep(adam, params, 1);
    const state = adam.state();
    expect(() => createOptimizer({ kind: 'adamw' }).loadState(state)).toThrow(/state is for 'adam'/);

    const missing: OptimizerState = { kind: 'adam', slots: { w: { step: 1, buffers: { exp_avg: new Float32Array(2) } } } };
    expect(() => createOptimizer({ kind: 'adam' }).loadState(missing)).toThrow(/buffers \[exp_avg\]/);

    const plainArray = { kind: 'adam', slots: { w: { step: 1, buffers: { exp_avg: [0], exp_avg_sq: [0] } } } };
    expect(() => createOptimizer({ kind: 'adam' }).loadState(plainArray as unknown as OptimizerState)).toThrow(/Float32Array/);
  });

  it('refuses a restored buffer whose size or dtype does not match the parameter', () => {
    const opt = createOptimizer({ kind: 'adagrad' });
    opt.loadState({ kind: 'adagrad', slots: { w: { step: 3, buffers: { sum: new Float32Array(5) } } } });
    expect(() => opt.step([createParam('w', [4])], 0.1)).toThrow(/adagrad.step\(w\)/);
    expect(() => opt.step([createParam('w', [5], 'float64')], 0.1)).toThrow(/Float64Array/);
  });

  it('rejects a negative or non-finite learning rate', () => {
    const opt = createOptimizer({ kind: 'sgd' });
    const p = [createParam('w', [1])];
    expect(() => opt.step(p, -0.1)).toThrow(/lr/);
    expect(() => opt.step(p, Number.NaN)).toThrow(/lr/);
  });
});
