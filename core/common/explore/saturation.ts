// Gate saturation (the mechanism behind vanishing gradients): the fraction of a gate's activations within
// SATURATION_MARGIN of its range's ends, per gate and layer, counted over the valid steps of a batch of
// examples. A σ gate near 0 or 1 and a tanh candidate near −1 or 1 pass almost no gradient; ReLU has no
// upper end and is not counted.
//
// Shapes: T steps, B batch, H hidden, G = gates·H (recorded-internals.ts).

import type { GateActivation } from '../nn/recurrent-cell';
import type { DirectionInternals } from '../nn/recorded-internals';

/**
 * A gate activation is saturated when it is within SATURATION_MARGIN of its range's ends: σ below 0.05 or
 * above 0.95, tanh below −0.95 or above 0.95. There its derivative (σ' ≤ 0.0475, tanh' ≤ 0.0975) lets little
 * gradient through — the mechanism behind vanishing gradients.
 */
export const SATURATION_MARGIN = 0.05;

export interface GateSaturation {
  readonly gate: string;
  readonly activation: 'sigmoid' | 'tanh';
  /** Fraction of activations below the low end (σ < 0.05, tanh < −0.95). */
  readonly low: number;
  /** Fraction above the high end (> 0.95). */
  readonly high: number;
  /** Activations counted: valid steps × units. */
  readonly count: number;
}

/** The [low, high) thresholds of an activation's saturated ends. */
export function saturationEnds(activation: 'sigmoid' | 'tanh'): { low: number; high: number } {
  return activation === 'sigmoid' ? { low: SATURATION_MARGIN, high: 1 - SATURATION_MARGIN } : { low: -1 + SATURATION_MARGIN, high: 1 - SATURATION_MARGIN };
}

/**
 * Every σ / tanh gate of one recorded direction.
 * @param valid whether step t of row b is a real step (not padding) and counts
 */
export function directionSaturation(
  d: DirectionInternals,
  gateOrder: readonly string[],
  activations: readonly GateActivation[],
  T: number,
  B: number,
  H: number,
  valid: (t: number, b: number) => boolean,
): GateSaturation[] {
  const G = gateOrder.length * H;
  const result: GateSaturation[] = [];
  gateOrder.forEach((gate, block) => {
    const activation = activations[block];
    if (activation === undefined) throw new Error(`directionSaturation: no activation for gate ${gate}`);
    if (activation === 'relu') return;
    const ends = saturationEnds(activation);
    let low = 0,
      high = 0,
      count = 0;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        if (!valid(t, b)) continue;
        const row = (t * B + b) * G + block * H;
        for (let j = 0; j < H; j++) {
          const v = d.gates[row + j]!;
          if (v < ends.low) low++;
          else if (v > ends.high) high++;
        }
        count += H;
      }
    }
    result.push({ gate, activation, low: count === 0 ? 0 : low / count, high: count === 0 ? 0 : high / count, count });
  });
  return result;
}
