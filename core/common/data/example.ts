// One unpadded example, as a generator or importer produces it before `collate` pads a batch of them.
// Each carries its own widths so collation can check that a batch agrees.
//
// Legend: L this example's length (steps), I input features, O outputs, V vocabulary/classes, C condition features.

/** A sequence of dense vectors or token ids. */
export type ExampleInput =
  | {
      readonly kind: 'dense';
      /** I */
      readonly features: number;
      /** [L, I] */
      readonly x: Float32Array;
    }
  | {
      readonly kind: 'tokens';
      /** V */
      readonly vocab: number;
      /** [L] */
      readonly ids: Int32Array;
    };

export type ExampleStepTarget =
  | {
      readonly kind: 'step-values';
      /** O */
      readonly outputs: number;
      /** [L, O] */
      readonly values: Float32Array;
      /** [L] step weights; absent means every step counts */
      readonly mask?: Float32Array;
    }
  | {
      readonly kind: 'step-classes';
      /** V */
      readonly classes: number;
      /** [L] */
      readonly ids: Int32Array;
      /** [L] step weights; absent means every step counts */
      readonly mask?: Float32Array;
      /** [L, V] 1 where a class is an acceptable answer; absent means only `ids` is */
      readonly allowed?: Uint8Array;
    };

export type ExampleTarget =
  | ExampleStepTarget
  | {
      readonly kind: 'sequence-values';
      readonly outputs: number;
      /** [O] */
      readonly values: Float32Array;
    }
  | {
      readonly kind: 'sequence-class';
      readonly classes: number;
      readonly id: number;
    };

export type ExampleCondition =
  | { readonly kind: 'dense'; readonly features: number; /** [C] */ readonly values: Float32Array }
  | { readonly kind: 'class'; readonly classes: number; readonly id: number };

/** Many-to-one / many-to-many / one-to-one: the input's length is the example's length. */
export interface SequenceExample {
  readonly kind: 'sequence';
  readonly input: ExampleInput;
  readonly target: ExampleTarget;
}

/** One-to-many: `decoderInput` (teacher forcing) has the target's length. */
export interface ConditionedExample {
  readonly kind: 'conditioned';
  readonly condition: ExampleCondition;
  readonly decoderInput: ExampleInput;
  readonly target: ExampleStepTarget;
}

/** Seq2seq: `target` holds y₁…yₙ only; collation adds BOS to the decoder input and EOS to the target. */
export interface Seq2SeqExample {
  readonly kind: 'seq2seq';
  readonly source: ExampleInput;
  /** V of the target side; must hold the reserved BOS and EOS ids */
  readonly targetVocab: number;
  /** [n], n ≥ 0 */
  readonly target: Int32Array;
}

export type Example = SequenceExample | ConditionedExample | Seq2SeqExample;

/** Steps of an example input. */
export function inputLength(input: ExampleInput): number {
  return input.kind === 'dense' ? input.x.length / input.features : input.ids.length;
}
