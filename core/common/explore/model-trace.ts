// One input through a trained model, recording every recurrent layer's and direction's states and gates
// at every step (from the layers' own forward pass, nn/recorded-internals.ts): the data the hidden-state
// explorer draws. A sequence model runs its stack over the input; an encoder–decoder encodes the source and
// decodes greedily (as the attention maps do), keeping the decoder cell's states, gates and attention.
//
// Shapes: one example (B = 1); T input steps (S source steps), n decoder steps, H hidden of a layer.

import type { CellName } from '../nn/cell-names';
import type { DirectionInternals, RecurrentInternals } from '../nn/recorded-internals';
import type { InputBuffer } from '../data/batch';
import type { SequenceModel } from '../models/sequence/sequence-model';
import type { Seq2SeqModel } from '../models/seq2seq/seq2seq-model';
import { BOS_ID, EOS_ID } from '../data/vocabulary';
import { argmaxRow } from '../generate/pick';

/** Where a traced layer sits: the stack of a sequence model, an encoder–decoder's encoder, or its decoder cell. */
export type TracePart = 'stack' | 'encoder' | 'decoder';

/**
 * A layer's signals: `h` (and `c` for LSTM), every gate by its name (LSTM i, f, g, o; GRU r, z, n), and for
 * an RNN, whose only gate is h itself, its pre-activation `pre`.
 */
export function layerSignals(cell: CellName): readonly string[] {
  switch (cell) {
    case 'lstm':
      return ['h', 'c', 'i', 'f', 'g', 'o'];
    case 'gru':
      return ['h', 'r', 'z', 'n'];
    case 'rnn_tanh':
    case 'rnn_relu':
      return ['h', 'pre'];
  }
}

export interface TracedLayer {
  readonly part: TracePart;
  readonly layer: number;
  readonly reverse: boolean;
  readonly cell: CellName;
  readonly hiddenSize: number;
  /** T (stack, encoder) or n (decoder). */
  readonly steps: number;
  /** Each of layerSignals(cell): [steps, H], unit j of step t at t * H + j. */
  readonly signals: ReadonlyMap<string, Float32Array>;
}

export interface ModelTrace {
  readonly layers: readonly TracedLayer[];
  /** Encoder–decoder: the generated ids (EOS included when reached), else null. */
  readonly generated: Int32Array | null;
  /** Encoder–decoder with attention: [n][S], row i the weights generating token i put on each source step. */
  readonly attention: Float32Array[] | null;
}

/** A layer's name as the view and the API say it: "layer 0", "encoder layer 1 (reverse)", "decoder". */
export function tracedLayerName(layer: Pick<TracedLayer, 'part' | 'layer' | 'reverse'>): string {
  if (layer.part === 'decoder') return 'decoder';
  return `${layer.part === 'encoder' ? 'encoder ' : ''}layer ${layer.layer}${layer.reverse ? ' (reverse)' : ''}`;
}

/** Row b of one direction's record as signals [steps, H]. */
export function directionSignals(
  d: DirectionInternals,
  cell: CellName,
  gateOrder: readonly string[],
  steps: number,
  B: number,
  b: number,
  H: number,
): Map<string, Float32Array> {
  const G = gateOrder.length * H;
  const rows = (src: ArrayLike<number>, width: number, col: number): Float32Array => {
    const out = new Float32Array(steps * H);
    for (let t = 0; t < steps; t++) for (let j = 0; j < H; j++) out[t * H + j] = src[(t * B + b) * width + col + j]!;
    return out;
  };
  const signals = new Map<string, Float32Array>();
  for (const name of layerSignals(cell)) {
    if (name === 'h') signals.set(name, rows(d.h, H, 0));
    else if (name === 'c') {
      if (d.c === null) throw new Error('directionSignals: an LSTM record without its cell state');
      signals.set(name, rows(d.c, H, 0));
    } else if (name === 'pre') signals.set(name, rows(d.preActivations, G, 0));
    else {
      const block = gateOrder.indexOf(name);
      if (block < 0) throw new Error(`directionSignals: ${cell} has no gate ${name}`);
      signals.set(name, rows(d.gates, G, block * H));
    }
  }
  return signals;
}

function stackLayers(internals: RecurrentInternals, part: TracePart, b = 0): TracedLayer[] {
  const { cell, gateOrder, T, B, H } = internals;
  return internals.directions.map((d) => ({
    part,
    layer: d.layer,
    reverse: d.reverse,
    cell,
    hiddenSize: H,
    steps: T,
    signals: directionSignals(d, cell, gateOrder, T, B, b, H),
  }));
}

/**
 * A sequence model over one input of T steps from zero states, as evaluation runs it (no dropout).
 * @param input dense x [T, 1, I] or token ids [T, 1]
 */
export function traceSequence(model: SequenceModel, input: InputBuffer, T: number): ModelTrace {
  model.beginBatch(input.kind === 'tokens' ? { kind: 'tokens', ids: input.ids } : { kind: 'dense', x: input.x }, T, 1);
  const pass = model.forwardWindow(0, T, Int32Array.of(T), null, { training: false, record: true });
  if (pass.internals === undefined) throw new Error('traceSequence: the forward did not record');
  return { layers: stackLayers(pass.internals, 'stack'), generated: null, attention: null };
}

/**
 * An encoder–decoder on one source of S steps: the encoder's layers over the source, then greedy decoding
 * (argmax from BOS until EOS or maxLength tokens) with the decoder cell's states and gates and, with
 * attention, each step's weights over the source. The same decoding as attentionMaps.
 */
export function traceSeq2Seq(model: Seq2SeqModel, source: InputBuffer, S: number, maxLength: number): ModelTrace {
  const { encoder, session } = model.recordingSession(source, S, 1, Int32Array.of(S));
  const V = model.config.targetVocab;
  const input = Int32Array.of(BOS_ID);
  const generated: number[] = [];
  const attention: Float32Array[] = [];
  for (let n = 0; n < maxLength; n++) {
    const logits = session.step(input);
    const alpha = session.lastAttention(); // [S, 1]
    if (alpha !== null) attention.push(Float32Array.from(alpha.subarray(0, S)));
    const id = argmaxRow(logits, 0, V);
    generated.push(id);
    input[0] = id;
    if (id === EOS_ID) break;
  }
  const decoderCell = model.decoder.cell.cell;
  const H = model.decoder.hiddenSize;
  const steps = generated.length;
  const decoder: TracedLayer = {
    part: 'decoder',
    layer: 0,
    reverse: false,
    cell: decoderCell.name,
    hiddenSize: H,
    steps,
    signals: directionSignals(session.recordedSteps(), decoderCell.name, decoderCell.gateOrder, steps, 1, 0, H),
  };
  return {
    layers: [...stackLayers(encoder, 'encoder'), decoder],
    generated: Int32Array.from(generated),
    attention: model.decoder.attention === null ? null : attention,
  };
}
