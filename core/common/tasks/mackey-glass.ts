// The Mackey–Glass delay differential equation (Mackey & Glass 1977), integrated with fourth-order Runge–Kutta:
//   dx/dt = β·x(t − τ) / (1 + x(t − τ)ⁿ) − γ·x(t),   β = 0.2, γ = 0.1, n = 10; chaotic for τ ≥ 17.
// Scheme: RK4 with step dt on a grid where τ/dt is an integer D, so x(t − τ) at the step's ends is a stored grid
// value and at its midpoint the mean of the two neighbours (linear interpolation, O(dt²) in the delayed term).
// History: x(t) = initial for t ≤ 0. The first `warmup` time units (the transient) are discarded, then
// one value is kept every `sampleInterval` time units.

export interface MackeyGlassOptions {
  /** Samples to return */
  readonly length: number;
  readonly tau?: number;
  readonly beta?: number;
  readonly gamma?: number;
  readonly exponent?: number;
  /** Integration step; τ/dt and sampleInterval/dt must be integers. Default 0.1. */
  readonly dt?: number;
  /** Time between returned samples. Default 1. */
  readonly sampleInterval?: number;
  /** Time units integrated and discarded first. Default 1000. */
  readonly warmup?: number;
  /** Constant history x(t ≤ 0). Default 1.2, as in the usual benchmark. */
  readonly initial?: number;
}

/** The right-hand side f(x, x_τ). */
export function mackeyGlassRate(x: number, delayed: number, beta = 0.2, gamma = 0.1, exponent = 10): number {
  return (beta * delayed) / (1 + delayed ** exponent) - gamma * x;
}

function stepsOf(name: string, time: number, dt: number): number {
  const steps = Math.round(time / dt);
  if (steps < 0 || Math.abs(steps * dt - time) > 1e-9 * Math.max(1, time))
    throw new Error(`mackeyGlass: ${name} = ${time} must be a non-negative multiple of dt = ${dt}`);
  return steps;
}

/** @returns [length] samples x(warmup + k·sampleInterval), k = 0 … length − 1 */
export function mackeyGlass(options: MackeyGlassOptions): Float64Array {
  const { length, tau = 17, beta = 0.2, gamma = 0.1, exponent = 10, dt = 0.1, sampleInterval = 1, warmup = 1000, initial = 1.2 } = options;
  if (!Number.isInteger(length) || length < 1) throw new Error(`mackeyGlass: length must be a positive integer, got ${length}`);
  if (!(dt > 0)) throw new Error(`mackeyGlass: dt must be positive, got ${dt}`);
  const D = stepsOf('tau', tau, dt);
  const every = stepsOf('sampleInterval', sampleInterval, dt);
  const skip = stepsOf('warmup', warmup, dt);
  if (D < 1 || every < 1) throw new Error(`mackeyGlass: tau and sampleInterval must be at least dt = ${dt}`);
  const total = skip + (length - 1) * every + 1; // grid points t_k = k·dt, k = 0 … total − 1
  // x[D + k] = x(t_k); x[0 … D] hold the history on [−τ, 0]
  const x = new Float64Array(D + total).fill(initial, 0, D + 1);
  const f = (value: number, delayed: number): number => mackeyGlassRate(value, delayed, beta, gamma, exponent);
  for (let k = D; k < D + total - 1; k++) {
    const xk = x[k]!;
    const delayedStart = x[k - D]!;
    const delayedEnd = x[k - D + 1]!;
    const delayedMid = 0.5 * (delayedStart + delayedEnd);
    const k1 = f(xk, delayedStart);
    const k2 = f(xk + 0.5 * dt * k1, delayedMid);
    const k3 = f(xk + 0.5 * dt * k2, delayedMid);
    const k4 = f(xk + dt * k3, delayedEnd);
    x[k + 1] = xk + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = x[D + skip + i * every]!;
  return out;
}
