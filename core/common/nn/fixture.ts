// Reads a reference fixture (format: tests/fixtures/torch/README.md) from JSON text into flat float64
// tensors, checking every key and shape: recurrent layers (any cell, size, layer count, direction and
// lengths) and additive attention. Failures come back as a result naming the file and the key.
//
// Shapes: T time, B batch, I input, H hidden, L layers, D directions, G gates·H;
// attention: S source steps, Hq query size, He encoder output size, A attention size.

import { CELL_NAMES, type CellName } from './cell-names';
import { CELLS } from './cell-stepper';

export interface FixtureTensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export interface RecurrentFixture {
  readonly kind: 'recurrent';
  readonly name: string;
  readonly cell: CellName;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly seqLen: number;
  readonly batch: number;
  /** [B], or null for a fixed-length file. */
  readonly lengths: readonly number[] | null;
  /** In file order (PyTorch order). */
  readonly params: ReadonlyMap<string, FixtureTensor>;
  readonly x: FixtureTensor;
  readonly h0: FixtureTensor;
  readonly c0: FixtureTensor | null;
  readonly y: FixtureTensor;
  readonly hN: FixtureTensor;
  readonly cN: FixtureTensor | null;
  readonly ry: FixtureTensor;
  readonly rh: FixtureTensor;
  readonly rc: FixtureTensor | null;
  /** d loss / d every param, then "x", "h0", "c0" (LSTM). */
  readonly grad: ReadonlyMap<string, FixtureTensor>;
}

/** `cell: "additive_attention"`: one query per batch row over masked encoder outputs. */
export interface AttentionFixture {
  readonly kind: 'attention';
  readonly name: string;
  readonly querySize: number;
  readonly encSize: number;
  readonly attnSize: number;
  readonly srcLen: number;
  readonly batch: number;
  /** [B], each in 1..S */
  readonly lengths: readonly number[];
  /** W_q [A, Hq], W_k [A, He], b [A], v [A], in file order. */
  readonly params: ReadonlyMap<string, FixtureTensor>;
  readonly q: FixtureTensor;
  readonly enc: FixtureTensor;
  readonly alpha: FixtureTensor;
  readonly context: FixtureTensor;
  readonly rctx: FixtureTensor;
  readonly ralpha: FixtureTensor;
  /** d loss / d W_q, W_k, b, v, q, enc. */
  readonly grad: ReadonlyMap<string, FixtureTensor>;
}

/** Every kind of reference fixture, discriminated by `kind`. */
export type ReferenceFixture = RecurrentFixture | AttentionFixture;

export type FixtureErrorCode = 'bad-json' | 'missing-key' | 'bad-value' | 'bad-shape';

export type FixtureParseResult =
  | { ok: true; kind: 'recurrent'; fixture: RecurrentFixture }
  | { ok: true; kind: 'attention'; fixture: AttentionFixture }
  | { ok: false; code: FixtureErrorCode; file: string; key: string; message: string };

const RECURRENT_CELLS: readonly string[] = CELL_NAMES;

const ATTENTION_CELL = 'additive_attention';

class FixtureIssue extends Error {
  constructor(
    readonly code: FixtureErrorCode,
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

/** PyTorch parameter names and shapes of a recurrent layer, in PyTorch order. */
export function recurrentParamShapes(
  cell: CellName,
  inputSize: number,
  hiddenSize: number,
  numLayers: number,
  bidirectional: boolean,
): Array<[name: string, shape: number[]]> {
  const D = bidirectional ? 2 : 1;
  const G = CELLS[cell].gates * hiddenSize;
  const out: Array<[string, number[]]> = [];
  for (let k = 0; k < numLayers; k++) {
    const inK = k === 0 ? inputSize : D * hiddenSize;
    for (let d = 0; d < D; d++) {
      const suffix = `_l${k}${d === 1 ? '_reverse' : ''}`;
      out.push([`weight_ih${suffix}`, [G, inK]], [`weight_hh${suffix}`, [G, hiddenSize]], [`bias_ih${suffix}`, [G]], [`bias_hh${suffix}`, [G]]);
    }
  }
  return out;
}

/**
 * Parses one fixture file's text (a recurrent layer or additive attention, by its "cell").
 * @param file shown in messages (e.g. the path)
 */
export function parseFixture(text: string, file: string): FixtureParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: 'bad-json', file, key: '', message: `${file}: not valid JSON (${(e as Error).message})` };
  }
  try {
    const root = asObject(json, '(root)');
    const cell = readString(root, 'cell');
    const name = readString(root, 'name');
    if (cell === ATTENTION_CELL) return { ok: true, kind: 'attention', fixture: readAttention(root, name) };
    if (!RECURRENT_CELLS.includes(cell)) {
      throw new FixtureIssue('bad-value', 'cell', `"cell" must be one of ${RECURRENT_CELLS.join(', ')}, ${ATTENTION_CELL}; got "${cell}"`);
    }
    return { ok: true, kind: 'recurrent', fixture: readRecurrent(root, name, cell as CellName) };
  } catch (e) {
    if (!(e instanceof FixtureIssue)) throw e;
    return { ok: false, code: e.code, file, key: e.key, message: `${file}: key "${e.key}": ${e.message}` };
  }
}

function readRecurrent(root: Record<string, unknown>, name: string, cell: CellName): RecurrentFixture {
  const I = readInt(root, 'input_size', 1);
  const H = readInt(root, 'hidden_size', 1);
  const L = readInt(root, 'num_layers', 1);
  const bidirectional = readBool(root, 'bidirectional');
  const T = readInt(root, 'seq_len', 1);
  const B = readInt(root, 'batch', 1);
  const D = bidirectional ? 2 : 1;
  const lstm = cell === 'lstm';

  let lengths: number[] | null = null;
  if (root.lengths !== undefined) {
    lengths = Array.from(readTensor(root.lengths, 'lengths', [B]).data);
    lengths.forEach((n, b) => {
      if (!Number.isInteger(n) || n < 0 || n > T) throw new FixtureIssue('bad-value', `lengths[${b}]`, `must be an integer in 0..${T}, got ${n}`);
    });
  }

  const expected = recurrentParamShapes(cell, I, H, L, bidirectional);
  const paramsJson = asObject(need(root, 'params'), 'params');
  for (const key of Object.keys(paramsJson)) {
    if (!expected.some(([n]) => n === key)) throw new FixtureIssue('bad-value', `params.${key}`, `unexpected parameter for ${cell} L=${L} D=${D}`);
  }
  const params = new Map<string, FixtureTensor>();
  for (const [pname, shape] of expected) params.set(pname, readTensor(need(paramsJson, pname, 'params.'), `params.${pname}`, shape));

  const state = [L * D, B, H];
  const out = [T, B, D * H];
  const gradJson = asObject(need(root, 'grad'), 'grad');
  const grad = new Map<string, FixtureTensor>();
  for (const [pname, shape] of expected) grad.set(pname, readTensor(need(gradJson, pname, 'grad.'), `grad.${pname}`, shape));
  grad.set('x', readTensor(need(gradJson, 'x', 'grad.'), 'grad.x', [T, B, I]));
  grad.set('h0', readTensor(need(gradJson, 'h0', 'grad.'), 'grad.h0', state));
  if (lstm) grad.set('c0', readTensor(need(gradJson, 'c0', 'grad.'), 'grad.c0', state));

  const optional = (key: string, dims: number[]): FixtureTensor | null => (lstm ? readTensor(need(root, key), key, dims) : null);
  return {
    kind: 'recurrent',
    name,
    cell,
    inputSize: I,
    hiddenSize: H,
    numLayers: L,
    bidirectional,
    seqLen: T,
    batch: B,
    lengths,
    params,
    x: readTensor(need(root, 'x'), 'x', [T, B, I]),
    h0: readTensor(need(root, 'h0'), 'h0', state),
    c0: optional('c0', state),
    y: readTensor(need(root, 'y'), 'y', out),
    hN: readTensor(need(root, 'h_n'), 'h_n', state),
    cN: optional('c_n', state),
    ry: readTensor(need(root, 'ry'), 'ry', out),
    rh: readTensor(need(root, 'rh'), 'rh', state),
    rc: optional('rc', state),
    grad,
  };
}

/** Attention parameter names and shapes, in file order. */
export function attentionParamShapes(querySize: number, encSize: number, attnSize: number): Array<[name: string, shape: number[]]> {
  return [
    ['W_q', [attnSize, querySize]],
    ['W_k', [attnSize, encSize]],
    ['b', [attnSize]],
    ['v', [attnSize]],
  ];
}

function readAttention(root: Record<string, unknown>, name: string): AttentionFixture {
  const Hq = readInt(root, 'query_size', 1);
  const He = readInt(root, 'enc_size', 1);
  const A = readInt(root, 'attn_size', 1);
  const S = readInt(root, 'src_len', 1);
  const B = readInt(root, 'batch', 1);
  const lengths = Array.from(readTensor(need(root, 'lengths'), 'lengths', [B]).data);
  lengths.forEach((n, b) => {
    if (!Number.isInteger(n) || n < 1 || n > S) throw new FixtureIssue('bad-value', `lengths[${b}]`, `must be an integer in 1..${S}, got ${n}`);
  });
  const expected = attentionParamShapes(Hq, He, A);
  const paramsJson = asObject(need(root, 'params'), 'params');
  for (const key of Object.keys(paramsJson)) {
    if (!expected.some(([n]) => n === key))
      throw new FixtureIssue('bad-value', `params.${key}`, 'unexpected parameter for additive attention (W_q, W_k, b, v)');
  }
  const params = new Map<string, FixtureTensor>();
  for (const [pname, shape] of expected) params.set(pname, readTensor(need(paramsJson, pname, 'params.'), `params.${pname}`, shape));
  const shapes = { q: [B, Hq], enc: [S, B, He], alpha: [S, B], context: [B, He], rctx: [B, He], ralpha: [S, B] };
  const read = (key: keyof typeof shapes): FixtureTensor => readTensor(need(root, key), key, shapes[key]);
  const gradJson = asObject(need(root, 'grad'), 'grad');
  const grad = new Map<string, FixtureTensor>();
  for (const [gname, shape] of [...expected, ['q', shapes.q], ['enc', shapes.enc]] as Array<[string, number[]]>) {
    grad.set(gname, readTensor(need(gradJson, gname, 'grad.'), `grad.${gname}`, shape));
  }
  return {
    kind: 'attention',
    name,
    querySize: Hq,
    encSize: He,
    attnSize: A,
    srcLen: S,
    batch: B,
    lengths,
    params,
    q: read('q'),
    enc: read('enc'),
    alpha: read('alpha'),
    context: read('context'),
    rctx: read('rctx'),
    ralpha: read('ralpha'),
    grad,
  };
}

function need(obj: Record<string, unknown>, key: string, prefix = ''): unknown {
  if (!(key in obj)) throw new FixtureIssue('missing-key', prefix + key, 'missing');
  return obj[key];
}

function asObject(v: unknown, key: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FixtureIssue('bad-value', key, 'must be a JSON object');
  return v as Record<string, unknown>;
}

function readString(obj: Record<string, unknown>, key: string): string {
  const v = need(obj, key);
  if (typeof v !== 'string') throw new FixtureIssue('bad-value', key, `must be a string, got ${JSON.stringify(v)}`);
  return v;
}

function readInt(obj: Record<string, unknown>, key: string, min: number): number {
  const v = need(obj, key);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw new FixtureIssue('bad-value', key, `must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  return v;
}

function readBool(obj: Record<string, unknown>, key: string): boolean {
  const v = need(obj, key);
  if (typeof v !== 'boolean') throw new FixtureIssue('bad-value', key, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Flattens a nested JSON array of exactly `dims` (row-major), naming the first offending index. */
function readTensor(v: unknown, key: string, dims: readonly number[]): FixtureTensor {
  const data = new Float64Array(dims.reduce((a, b) => a * b, 1));
  let n = 0;
  const walk = (node: unknown, depth: number, path: string): void => {
    if (depth === dims.length) {
      if (typeof node !== 'number' || !Number.isFinite(node))
        throw new FixtureIssue('bad-value', key, `${path} must be a finite number, got ${JSON.stringify(node)}`);
      data[n++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== dims[depth]) {
      const got = Array.isArray(node) ? `an array of ${node.length}` : JSON.stringify(node)?.slice(0, 40);
      throw new FixtureIssue('bad-shape', key, `expected shape [${dims.join(', ')}]: ${path || 'the value'} must be an array of ${dims[depth]}, got ${got}`);
    }
    node.forEach((child, i) => walk(child, depth + 1, `${path}[${i}]`));
  };
  walk(v, 0, '');
  return { shape: [...dims], data };
}
