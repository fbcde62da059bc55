// Reference trajectories from torch.optim, and the driver that replays them on our optimisers.
// The numbers below were produced by torch-reference.py beside this file (Debian bookworm's
// python3-torch, float64 parameters): two parameters, five steps, gradients from referenceGrad()
// and the learning rate from lrAt() at each step. The tests never run Python.

import { expect } from 'vitest';
import { createParam } from '../../../../../core/common/nn/param';
import type { Param } from '../../../../../core/common/nn/param';
import { createOptimizer } from '../../../../../core/common/train/optim/create-optimizer';
import type { OptimizerConfig } from '../../../../../core/common/train/optim/create-optimizer';
import type { Optimizer } from '../../../../../core/common/train/optim/optimizer';

export interface ReferenceCase {
  readonly name: string;
  readonly config: OptimizerConfig;
  /** Parameter values after the first step and after step STEPS, one array per parameter. */
  readonly afterStep1: readonly (readonly number[])[];
  readonly afterLastStep: readonly (readonly number[])[];
}

export const INITIAL: readonly (readonly number[])[] = [
  [0.5, -1.2, 2.0, 0.0],
  [0.3, -0.7, 1.5],
];
export const STEPS = 5;

/** Gradient of element i of parameter k at step t (1-based): depends on θ, changes sign over steps. */
export function referenceGrad(theta: number, k: number, i: number, t: number): number {
  return 0.5 * theta + (((3 * i + 5 * t + 2 * k) % 7) - 3) / 4;
}

/** Learning rate at step t (1-based): alternates so that lr is really read on every step. */
export function lrAt(t: number): number {
  return t % 2 === 1 ? 0.05 : 0.1;
}

export function referenceParams(dtype: 'float32' | 'float64' = 'float64'): Param[] {
  return INITIAL.map((values, k) => {
    const p = createParam(`layer.p${k}`, [values.length], dtype);
    p.data.set(values);
    return p;
  });
}

/** Sets each grad from referenceGrad at the current values, then takes one step with lrAt(t). */
export function referenceStep(optimizer: Optimizer, params: readonly Param[], t: number): void {
  params.forEach((p, k) => {
    for (let i = 0; i < p.data.length; i++) p.grad[i] = referenceGrad(p.data[i]!, k, i, t);
  });
  optimizer.step(params, lrAt(t));
}

/** Runs steps 1..STEPS of a case on float64 parameters; returns values after step 1 and the last. */
export function replay(config: OptimizerConfig): { afterStep1: number[][]; afterLastStep: number[][] } {
  const optimizer = createOptimizer(config);
  const params = referenceParams();
  let afterStep1: number[][] = [];
  for (let t = 1; t <= STEPS; t++) {
    referenceStep(optimizer, params, t);
    if (t === 1) afterStep1 = params.map((p) => Array.from(p.data));
  }
  return { afterStep1, afterLastStep: params.map((p) => Array.from(p.data)) };
}

/** Replays a case and compares with torch to 1e-12 (float64 on both sides; only rounding differs). */
export function expectMatchesTorch(c: ReferenceCase): void {
  const ours = replay(c.config);
  const compare = (actual: number[][], expected: readonly (readonly number[])[]): void => {
    expect(actual.map((a) => a.length)).toEqual(expected.map((e) => e.length));
    actual.forEach((a, k) => a.forEach((v, i) => expect(v).toBeCloseTo(expected[k]![i]!, 12)));
  };
  compare(ours.afterStep1, c.afterStep1);
  compare(ours.afterLastStep, c.afterLastStep);
}

export function casesOf(kind: OptimizerConfig['kind']): readonly ReferenceCase[] {
  const found = CASES.filter((c) => c.config.kind === kind);
  if (found.length === 0) throw new Error(`no torch reference cases for ${kind}`);
  return found;
}

// torch 1.13.0a0, float64
export const CASES: readonly ReferenceCase[] = [
  {
    name: 'sgd plain, weight decay',
    config: { kind: 'sgd', weightDecay: 0.1 },
    afterStep1: [
      [0.46, -1.139, 1.9275, 0.037500000000000006],
      [0.3285, -0.6789999999999999, 1.4175],
    ],
    afterLastStep: [
      [0.3199794504, -0.9629219043600002, 1.6102871351, -0.002045578500000008],
      [0.23988578034000005, -0.56622670396, 1.2155164227000002],
    ],
  },
  {
    name: 'sgd momentum',
    config: { kind: 'sgd', momentum: 0.9 },
    afterStep1: [
      [0.4625, -1.145, 1.9375, 0.037500000000000006],
      [0.33, -0.6825, 1.425],
    ],
    afterLastStep: [
      [0.12971728515625, -0.7125251953124999, 1.2033881835937499, 0.10154443359375001],
      [0.27364570312500003, -0.43587431640624996, 0.7395986328125],
    ],
  },
  {
    name: 'sgd momentum, dampening, weight decay',
    config: { kind: 'sgd', momentum: 0.9, dampening: 0.5, weightDecay: 0.01 },
    afterStep1: [
      [0.46225, -1.1443999999999999, 1.9364999999999999, 0.037500000000000006],
      [0.32985, -0.6821499999999999, 1.42425],
    ],
    afterLastStep: [
      [0.20349973321093534, -0.792472892185292, 1.4063264278817895, 0.1548902407678131],
      [0.36660380248556196, -0.5096089344645912, 0.8907120945213223],
    ],
  },
  {
    name: 'sgd nesterov, weight decay',
    config: { kind: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 0.01 },
    afterStep1: [
      [0.428275, -1.09436, 1.87935, 0.07125000000000001],
      [0.356715, -0.6660849999999999, 1.356075],
    ],
    afterLastStep: [
      [0.025646981610677622, -0.581914443892008, 0.9974374839994844, 0.0805504335152697],
      [0.2236260584967987, -0.37193265593436475, 0.6334187290679458],
    ],
  },
  {
    name: 'adam defaults',
    config: { kind: 'adam' },
    afterStep1: [
      [0.4500000006666667, -1.1500000004545454, 1.9500000004, 0.049999999333333336],
      [0.3499999991666667, -0.6500000014285714, 1.4500000003333333],
    ],
    afterLastStep: [
      [0.24859426351919886, -0.9548218647932731, 1.681277512732006, 0.091370221011058],
      [0.3158297506562512, -0.48477805553569336, 1.2018911689727916],
    ],
  },
  {
    name: 'adam betas, eps, L2 weight decay',
    config: { kind: 'adam', betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.1 },
    afterStep1: [
      [0.45000006249992186, -1.150000040983573, 1.9500000344827348, 0.04999993333342222],
      [0.34999991228085564, -0.6500001190473356, 1.4500000303030118],
    ],
    afterLastStep: [
      [0.2435331159980762, -0.9366114075323992, 1.6753860955783428, 0.07818175831077998],
      [0.28922467786002004, -0.473949215042797, 1.2034885335434629],
    ],
  },
  {
    name: 'adamw defaults',
    config: { kind: 'adamw' },
    afterStep1: [
      [0.4497500006666667, -1.1494000004545455, 1.9490000004, 0.049999999333333336],
      [0.3498499991666667, -0.6496500014285714, 1.4492500003333333],
    ],
    afterLastStep: [
      [0.24729819306517614, -0.9510793817955804, 1.6748270129176988, 0.0911811219921229],
      [0.3147348383364165, -0.48284454346102923, 1.1972137701950039],
    ],
  },
  {
    name: 'adamw weight decay 0.1',
    config: { kind: 'adamw', weightDecay: 0.1 },
    afterStep1: [
      [0.4475000006666667, -1.1440000004545454, 1.9400000004, 0.049999999333333336],
      [0.3484999991666667, -0.6465000014285714, 1.4425000003333333],
    ],
    afterLastStep: [
      [0.23581495461746632, -0.9178802983745007, 1.6175982219663079, 0.08949490460966121],
      [0.30501477175537794, -0.4657042223225105, 1.15572398742377],
    ],
  },
  {
    name: 'rmsprop defaults',
    config: { kind: 'rmsprop' },
    afterStep1: [
      [6.666665791632553e-8, -0.7000000454545414, 1.500000039999997, 0.4999999333333421],
      [0.7999999166666802, -0.20000014285710221, 1.0000000333333312],
    ],
    afterLastStep: [
      [-0.4418978768644349, -0.1275018619828755, 0.48189057197632124, 0.019815268195019997],
      [0.09257927691371626, 0.06316637047913379, 0.5864729265565182],
    ],
  },
  {
    name: 'rmsprop momentum',
    config: { kind: 'rmsprop', momentum: 0.5 },
    afterStep1: [
      [6.666665794408111e-8, -0.7000000454545415, 1.5000000399999969, 0.49999993333334203],
      [0.7999999166666804, -0.20000014285710216, 1.0000000333333314],
    ],
    afterLastStep: [
      [-0.6043575387264304, 0.3241919410335066, -0.12702901132769626, 0.1528148121340898],
      [0.11332335240209761, 0.3549120416260177, 0.0650805297095319],
    ],
  },
  {
    name: 'rmsprop centered',
    config: { kind: 'rmsprop', centered: true },
    afterStep1: [
      [-0.0025188402895475193, -0.6974811382840722, 1.4974811327744313, 0.5025188402895475],
      [0.8025188234545357, -0.197481236670497, 0.9974811260404256],
    ],
    afterLastStep: [
      [-0.44450297719680393, -0.12002118946860652, 0.47192126713041277, 0.02113462884239048],
      [0.09290972105315681, 0.06834880910586816, 0.5822870868455653],
    ],
  },
  {
    name: 'rmsprop centered, momentum, alpha, weight decay',
    config: { kind: 'rmsprop', centered: true, momentum: 0.5, alpha: 0.9, weightDecay: 0.1 },
    afterStep1: [
      [0.33333334027777745, -1.0333333378870673, 1.8333333371647509, 0.1666666592592596],
      [0.4666666569200786, -0.5333333465608454, 1.3333333367003366],
    ],
    afterLastStep: [
      [-0.19511221288914746, -0.3647124026838621, 0.881416897966725, 0.1491669673919136],
      [0.24517091824624002, -0.0512293013994157, 0.6642462564531578],
    ],
  },
  {
    name: 'adagrad defaults',
    config: { kind: 'adagrad' },
    afterStep1: [
      [0.4500000000066667, -1.1500000000045454, 1.950000000004, 0.04999999999333334],
      [0.34999999999166664, -0.6500000000142857, 1.4500000000033333],
    ],
    afterLastStep: [
      [0.34684623651825364, -1.059847807333259, 1.8022916658469337, 0.011374099767447743],
      [0.2711361397222347, -0.5537285972094778, 1.3593703096446001],
    ],
  },
  {
    name: 'adagrad lr decay, weight decay, initial accumulator',
    config: { kind: 'adagrad', lrDecay: 0.1, weightDecay: 0.05, initialAccumulatorValue: 0.2 },
    afterStep1: [
      [0.45669309639723876, -1.153347014727388, 1.95253652761275, 0.04294487506862209],
      [0.33972245682279445, -0.6673787378563906, 1.4519013894740465],
    ],
    afterLastStep: [
      [0.3769420130491198, -1.0830532004885394, 1.8327243020830608, 0.010309156451539955],
      [0.2734155547947646, -0.5858494292555878, 1.3724736673156015],
    ],
  },
];
