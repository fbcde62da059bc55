// The batch types every task and importer produces and the trainer consumes: padded, time-major buffers.
// Discriminated on `kind` at every level, so the trainer can switch exhaustively.
//
// Legend: T time steps (decoder steps for seq2seq), S source steps, B batch, I input features,
// O regression outputs, V vocabulary / classes, C conditioning features.
// Layout: time-major `[T, B, ·]` (docs/CONTRIBUTING.md, "Conventions"), so element (t, b, k) of a
// `[T, B, K]` buffer is at `(t * B + b) * K + k`; per-sequence buffers `[B, ·]` are at `b * K + k`.
// Padding: sequence b holds data at steps t < lengths[b]; every later step holds 0 (PAD_ID for ids)
// and mask 0. Lengths are at least 1.

/** Sequence inputs: dense feature vectors or token ids. */
export type InputBuffer =
  | {
      readonly kind: 'dense';
      /** I */
      readonly features: number;
      /** [T, B, I] */
      readonly x: Float32Array;
    }
  | {
      readonly kind: 'tokens';
      /** V: ids are in [0, V), 0 is PAD. */
      readonly vocab: number;
      /** [T, B] */
      readonly ids: Int32Array;
    };

/** Targets given at every step; `mask` weights each step (0 on padding, and on steps not scored). */
export type StepTarget =
  | {
      readonly kind: 'step-values';
      /** O */
      readonly outputs: number;
      /** [T, B, O] */
      readonly values: Float32Array;
      /** [T, B] */
      readonly mask: Float32Array;
    }
  | {
      readonly kind: 'step-classes';
      /** V: ids are in [0, V). */
      readonly classes: number;
      /** [T, B] */
      readonly ids: Int32Array;
      /** [T, B] */
      readonly mask: Float32Array;
      /**
       * [T, B, V] 1 where a class is an acceptable answer at that step (e.g. the legal next symbols of a
       * grammar), or null when only `ids` is right. Always contains `ids` at scored steps.
       */
      readonly allowed: Uint8Array | null;
    };

/** One target per sequence, compared with the output at that sequence's last valid step, lengths[b] − 1. */
export type SequenceTarget =
  | {
      readonly kind: 'sequence-values';
      /** O */
      readonly outputs: number;
      /** [B, O] */
      readonly values: Float32Array;
    }
  | {
      readonly kind: 'sequence-class';
      /** V: ids are in [0, V). */
      readonly classes: number;
      /** [B] */
      readonly ids: Int32Array;
    };

export type Target = StepTarget | SequenceTarget;

/** What a one-to-many decoder is conditioned on, once per sequence. */
export type Condition =
  | {
      readonly kind: 'dense';
      /** C */
      readonly features: number;
      /** [B, C] */
      readonly values: Float32Array;
    }
  | {
      readonly kind: 'class';
      /** C: ids are in [0, C). */
      readonly classes: number;
      /** [B] */
      readonly ids: Int32Array;
    };

/** One-to-one (T = 1), many-to-one (a SequenceTarget) and many-to-many (a StepTarget). */
export interface SequenceBatch {
  readonly kind: 'sequence';
  /** T */
  readonly steps: number;
  /** B */
  readonly batchSize: number;
  /** [T, B, I] or [T, B] */
  readonly input: InputBuffer;
  /** [B] valid steps of each sequence, in [1, T] */
  readonly lengths: Int32Array;
  readonly target: Target;
}

/**
 * One-to-many: a condition per sequence and a target sequence. `decoderInput` is the teacher-forcing
 * input: at step t the target of step t − 1, and at t = 0 BOS (tokens) or zeros (values).
 */
export interface ConditionedBatch {
  readonly kind: 'conditioned';
  /** T */
  readonly steps: number;
  /** B */
  readonly batchSize: number;
  /** [B, C] or [B] */
  readonly condition: Condition;
  /** [T, B, O] or [T, B] */
  readonly decoderInput: InputBuffer;
  /** [B] valid target steps, in [1, T] */
  readonly lengths: Int32Array;
  readonly target: StepTarget;
}

/**
 * Seq2seq with teacher forcing. For a target y₁…yₙ of sequence b (targetLengths[b] = n + 1):
 *   decoderInput[·, b] = BOS y₁ … yₙ      target[·, b] = y₁ … yₙ EOS
 * so the decoder reads decoderInput[t] and is scored on target[t] where targetMask[t] > 0.
 */
export interface Seq2SeqBatch {
  readonly kind: 'seq2seq';
  /** S */
  readonly sourceSteps: number;
  /** T */
  readonly targetSteps: number;
  /** B */
  readonly batchSize: number;
  /** [S, B, I] or [S, B] */
  readonly source: InputBuffer;
  /** [B] valid source steps, in [1, S] */
  readonly sourceLengths: Int32Array;
  /** V of the target side (ids in decoderInput and target are in [0, V)) */
  readonly targetVocab: number;
  /** [T, B] starting with BOS */
  readonly decoderInput: Int32Array;
  /** [T, B] ending with EOS at step targetLengths[b] − 1 */
  readonly target: Int32Array;
  /** [B] in [1, T], EOS included */
  readonly targetLengths: Int32Array;
  /** [T, B] 1 for t < targetLengths[b], else 0 */
  readonly targetMask: Float32Array;
}

export type Batch = SequenceBatch | ConditionedBatch | Seq2SeqBatch;
