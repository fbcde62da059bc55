// How an exported graph's outputs are judged against SeqLab's own: elementwise like numpy.allclose,
// |actual − expected| ≤ atol + rtol·|expected|, with SeqLab's value as the reference. Every parity report
// (sequence, encoder–decoder, one-to-many), the CLI and the Models view use this one definition.
//
// A report keeps, per output, max |Δ| and the worst element — the one whose |Δ| comes closest to (or goes
// furthest past) its own bound — with its index, both values, |Δ| and the bound, so a failure says why.
// The describe* helpers read a report as stored (ParityElementJson: numbers that were not finite are null).

import type { ParityElementJson, ParityReport as ParityReportJson } from '../api/entities';

/** The tolerances of an elementwise comparison (numpy.allclose's atol and rtol). */
export interface ParityCriterion {
  readonly atol: number;
  readonly rtol: number;
}

/**
 * The float32 criterion. float32 rounds at 2⁻²⁴ ≈ 6e-8 relative; SeqLab and onnxruntime sum the gate
 * products in different orders and approximate tanh, σ and exp differently, so each step differs by a few
 * ulps of the values involved, and the recurrence carries that on over T steps: an error proportional to
 * the value. Measured on trained models: a char-LM's cell state of −9.87 off by 2.9e-6, an encoder–decoder's
 * logits of about 10 off by 1.0e-5 and a char-LM's unbounded cell state by 1.2e-5 — about 1e-6 relative, yet
 * over an absolute 1e-5. rtol 1e-4 leaves two orders of magnitude above that, while a real export bug (a
 * gate block in the wrong place, a missing bias, a wrong direction or length) moves values by 1e-2 or more;
 * atol 1e-5 covers values near zero (probabilities, states crossing zero), where a relative bound means nothing.
 */
export const PARITY_CRITERION: ParityCriterion = { atol: 1e-5, rtol: 1e-4 };

/** The bound one element must meet: atol + rtol·|expected|. */
export function allowedDiff(expected: number, criterion: ParityCriterion = PARITY_CRITERION): number {
  return criterion.atol + criterion.rtol * Math.abs(expected);
}

/** One element of an output: where it is, what each side gave, and the bound it had to meet. */
export interface ParityElement {
  /** One index per dimension of the output, e.g. [t, b, v]; a trace's outputs start with the step. */
  readonly index: number[];
  /** SeqLab's value (the reference) and onnxruntime's. */
  readonly expected: number;
  readonly actual: number;
  /** |actual − expected| (NaN on either side counts as ∞). */
  readonly absDiff: number;
  /** atol + rtol·|expected| */
  readonly allowed: number;
}

/** One output (y, Y_h, logits, …) of one case, over all its elements (and steps). */
export interface OutputParity {
  readonly maxAbsDiff: number;
  /** The element with the largest |Δ| / allowed; null when nothing was compared. */
  readonly worst: ParityElement | null;
  readonly pass: boolean;
  /** Why the output could not be compared element by element (e.g. the sizes differ); else absent. */
  readonly problem?: string;
}

/** dims' row-major index of flat position i, or [i] when the dims do not describe the array. */
function indexOf(i: number, dims: readonly number[], length: number): number[] {
  if (dims.reduce((a, b) => a * b, 1) !== length) return [i];
  const index = new Array<number>(dims.length);
  for (let d = dims.length - 1; d >= 0; d--) {
    const n = dims[d]!;
    index[d] = i % n;
    i = Math.floor(i / n);
  }
  return index;
}

/**
 * Compares an output elementwise.
 * @param expected SeqLab's values; @param actual onnxruntime's, the same length
 * @param dims the output's shape, for the worst element's index (its product must equal the length)
 * @param prefix indices put before the element's own (a trace's step)
 */
export function compareOutput(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  dims: readonly number[],
  criterion: ParityCriterion = PARITY_CRITERION,
  prefix: readonly number[] = [],
): OutputParity {
  if (expected.length !== actual.length) {
    return { maxAbsDiff: Infinity, worst: null, pass: false, problem: `onnxruntime returned ${actual.length} values where SeqLab has ${expected.length}` };
  }
  let maxAbs = 0;
  let worstAt = -1;
  let worstExcess = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const d = Math.abs(actual[i]! - e);
    const absDiff = Number.isNaN(d) ? Infinity : d;
    if (absDiff > maxAbs) maxAbs = absDiff;
    const ratio = absDiff / allowedDiff(e, criterion);
    const r = Number.isNaN(ratio) ? Infinity : ratio;
    if (r > worstExcess) {
      worstExcess = r;
      worstAt = i;
    }
  }
  if (worstAt < 0) return { maxAbsDiff: 0, worst: null, pass: true };
  const e = expected[worstAt]!,
    a = actual[worstAt]!;
  const d = Math.abs(a - e);
  const worst: ParityElement = {
    index: [...prefix, ...indexOf(worstAt, dims, expected.length)],
    expected: e,
    actual: a,
    absDiff: Number.isNaN(d) ? Infinity : d,
    allowed: allowedDiff(e, criterion),
  };
  return { maxAbsDiff: maxAbs, worst, pass: worstExcess <= 1 };
}

/** |Δ| / allowed: ≤ 1 passes. NaN on either side (null after JSON) is ∞, never a pass (numpy.allclose without equal_nan). */
function excess(e: Pick<ParityElementJson, 'absDiff' | 'allowed'>): number {
  const r = e.absDiff === null || e.allowed === null ? Infinity : e.absDiff / e.allowed;
  return Number.isNaN(r) ? Infinity : r;
}

/** Two comparisons of one output (e.g. two steps of a trace) as one: the larger max |Δ|, the worse element. */
export function mergeOutputs(a: OutputParity, b: OutputParity): OutputParity {
  const worse = a.worst === null ? b : b.worst === null ? a : excess(b.worst) > excess(a.worst) ? b : a;
  const problem = a.problem ?? b.problem;
  return {
    maxAbsDiff: Math.max(a.maxAbsDiff, b.maxAbsDiff),
    worst: worse.worst,
    pass: a.pass && b.pass,
    ...(problem === undefined ? {} : { problem }),
  };
}

/** An output that could not be compared at all (e.g. a trace with fewer steps): fails, saying why. */
export function mismatchedOutput(problem: string): OutputParity {
  return { maxAbsDiff: Infinity, worst: null, pass: false, problem };
}

/**
 * One output of a step-by-step trace over all its steps, element [t, b, ·] of step t (each step's output
 * [B, ·]); null when no step has it. A step onnxruntime did not trace fails.
 */
export function compareSteps<S>(
  expected: readonly S[],
  actual: readonly S[],
  pick: (step: S) => Float32Array | null,
  B: number,
  criterion: ParityCriterion = PARITY_CRITERION,
): OutputParity | null {
  let judged: OutputParity | null = null;
  expected.forEach((step, t) => {
    const want = pick(step);
    if (want === null) return;
    const got = actual[t];
    const one =
      got === undefined
        ? mismatchedOutput(`onnxruntime traced no step ${t}`)
        : compareOutput(want, pick(got) ?? new Float32Array(0), [B, want.length / B], criterion, [t]);
    judged = judged === null ? one : mergeOutputs(judged, one);
  });
  return judged;
}

/** An output as stored in a report (JSON: numbers that were not finite are null). */
type JudgedOutput = { readonly worst: ParityElementJson | null; readonly pass: boolean; readonly problem?: string | undefined };

/**
 * How close an output came to failing: its worst element's |Δ| / allowed (> 1 fails); ∞ for an output
 * that could not be compared at all; −1 when nothing was compared.
 */
export function outputScore(output: JudgedOutput): number {
  if (output.worst === null) return output.pass ? -1 : Infinity;
  return excess(output.worst);
}

/** Of a case's outputs, the one to show: the furthest past its bound, or (all passing) the closest to it. Null when there are none. */
export function worstOutput<O extends JudgedOutput>(outputs: Readonly<Record<string, O>>): { readonly name: string; readonly output: O } | null {
  let best: { name: string; output: O } | null = null;
  for (const [name, output] of Object.entries(outputs)) if (best === null || outputScore(output) > outputScore(best.output)) best = { name, output };
  return best;
}

/** A tolerance as written in code: 1e-5, 0.001, 0. */
function tolerance(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential() : String(x);
}

/** "|Δ| ≤ 1e-5 + 1e-4·|SeqLab| per element (numpy.allclose, atol 1e-5, rtol 1e-4)"; an rtol of 0 (a report from before) as "|Δ| ≤ 1e-5". */
export function describeCriterion(c: ParityCriterion): string {
  const bound = c.rtol === 0 ? tolerance(c.atol) : `${tolerance(c.atol)} + ${tolerance(c.rtol)}·|SeqLab|`;
  return `|Δ| ≤ ${bound} per element (numpy.allclose, atol ${tolerance(c.atol)}, rtol ${tolerance(c.rtol)})`;
}

/** A |Δ| or bound with 3 significant digits ("1.02e-5"); 0 as "0"; not finite (null after JSON) as "∞". */
export function formatParityDelta(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '∞';
  if (value === 0) return '0';
  return value.toExponential(2);
}

/** A value with 7 significant digits, enough to see a float32 difference; NaN (or null: not finite, after JSON) as "not finite". */
export function formatParityValue(value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'not finite';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return value.toPrecision(7);
}

/** "Y_c[0, 2, 3]: SeqLab 12.34567, onnxruntime 12.34568, |Δ| 1.20e-5 ≤ 1.33e-3 allowed" */
export function describeElement(output: string, e: ParityElementJson): string {
  const within = excess(e) <= 1;
  return (
    `${output}[${e.index.join(', ')}]: SeqLab ${formatParityValue(e.expected)}, onnxruntime ${formatParityValue(e.actual)}, ` +
    `|Δ| ${formatParityDelta(e.absDiff)} ${within ? '≤' : '>'} ${formatParityDelta(e.allowed)} allowed`
  );
}

/** The worst element of a case's outputs in words, or why an output could not be compared; '' when nothing was. */
export function describeWorst(outputs: Readonly<Record<string, JudgedOutput>>): string {
  const worst = worstOutput(outputs);
  if (worst === null) return '';
  if (worst.output.worst === null) return worst.output.problem === undefined ? '' : `${worst.name}: ${worst.output.problem}`;
  return describeElement(worst.name, worst.output.worst);
}

/**
 * A failed report in one sentence: the criterion, how many cases fail, and the first one's worst element;
 * null when the report passed.
 */
export function describeFailedParity(report: ParityReportJson): string | null {
  if (report.passed) return null;
  const failing = report.cases.filter((c) => !c.pass);
  const first = failing[0];
  const where =
    first === undefined
      ? `max |Δ| ${formatParityDelta(report.maxAbsDiff)}`
      : `${failing.length} of ${report.cases.length} cases fail; "${first.name}": ${describeWorst(first.outputs) || `max |Δ| ${formatParityDelta(first.maxAbsDiff)}`}`;
  return `its parity check failed when it was exported (onnxruntime against SeqLab's forward, ${describeCriterion(report.criterion)}): ${where}.`;
}
