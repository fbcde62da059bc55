// Collation: pads a list of unpadded examples of one kind into a time-major Batch (see batch.ts).
// Throws naming the example and field when the examples disagree (a generator or importer bug).
import type { Batch, Condition, InputBuffer, StepTarget, Target } from './batch';
import {
  inputLength,
  type ConditionedExample,
  type Example,
  type ExampleCondition,
  type ExampleInput,
  type ExampleStepTarget,
  type ExampleTarget,
  type Seq2SeqExample,
  type SequenceExample,
} from './example';
import { lengthMask, padFloatSequences, padIntSequences } from './padding';
import { BOS_ID, EOS_ID } from './vocabulary';
import { at } from '../checked-index';

/** Pads B examples of the same kind and widths into one batch. */
export function collate(examples: readonly Example[]): Batch {
  if (examples.length === 0) throw new Error('collate: no examples');
  const kind = at(examples, 0, 'collate: examples').kind;
  examples.forEach((e, b) => {
    if (e.kind !== kind) throw new Error(`collate: examples[${b}] is '${e.kind}' but examples[0] is '${kind}'`);
  });
  switch (kind) {
    case 'sequence':
      return collateSequences(examples as SequenceExample[]);
    case 'conditioned':
      return collateConditioned(examples as ConditionedExample[]);
    case 'seq2seq':
      return collateSeq2Seq(examples as Seq2SeqExample[]);
  }
}

function collateSequences(examples: readonly SequenceExample[]): Batch {
  const padded = padInputs(
    'input',
    examples.map((e) => e.input),
  );
  const lengths = examples.map((e) => inputLength(e.input));
  return {
    kind: 'sequence',
    steps: padded.steps,
    batchSize: examples.length,
    input: padded.input,
    lengths: Int32Array.from(lengths),
    target: padTargets(
      examples.map((e) => e.target),
      lengths,
      padded.steps,
    ),
  };
}

function collateConditioned(examples: readonly ConditionedExample[]): Batch {
  const padded = padInputs(
    'decoderInput',
    examples.map((e) => e.decoderInput),
  );
  const lengths = examples.map((e) => inputLength(e.decoderInput));
  const target = padTargets(
    examples.map((e) => e.target),
    lengths,
    padded.steps,
  ) as StepTarget;
  return {
    kind: 'conditioned',
    steps: padded.steps,
    batchSize: examples.length,
    condition: stackConditions(examples.map((e) => e.condition)),
    decoderInput: padded.input,
    lengths: Int32Array.from(lengths),
    target,
  };
}

function collateSeq2Seq(examples: readonly Seq2SeqExample[]): Batch {
  const source = padInputs(
    'source',
    examples.map((e) => e.source),
  );
  const targetVocab = sameNumber(
    'targetVocab',
    examples.map((e) => e.targetVocab),
  );
  // BOS y₁…yₙ and y₁…yₙ EOS: both n + 1 long (batch.ts, Seq2SeqBatch)
  const decoder = padIntSequences(examples.map((e) => Int32Array.from([BOS_ID, ...e.target])));
  const target = padIntSequences(examples.map((e) => Int32Array.from([...e.target, EOS_ID])));
  return {
    kind: 'seq2seq',
    sourceSteps: source.steps,
    targetSteps: target.steps,
    batchSize: examples.length,
    source: source.input,
    sourceLengths: Int32Array.from(examples.map((e) => inputLength(e.source))),
    targetVocab,
    decoderInput: decoder.data,
    target: target.data,
    targetLengths: target.lengths,
    targetMask: lengthMask(target.lengths, target.steps),
  };
}

function sameNumber(field: string, values: readonly number[]): number {
  const first = at(values, 0, `collate: examples' ${field}`);
  values.forEach((v, b) => {
    if (v !== values[0]) throw new Error(`collate: examples[${b}].${field} = ${v} but examples[0].${field} = ${values[0]}`);
  });
  return first;
}

function sameKind<K extends string>(field: string, kinds: readonly K[]): K {
  const first = at(kinds, 0, `collate: examples' ${field}`);
  kinds.forEach((k, b) => {
    if (k !== kinds[0]) throw new Error(`collate: examples[${b}].${field} is '${k}' but examples[0].${field} is '${kinds[0]}'`);
  });
  return first;
}

function padInputs(field: string, inputs: readonly ExampleInput[]): { input: InputBuffer; steps: number } {
  if (
    sameKind(
      `${field}.kind`,
      inputs.map((i) => i.kind),
    ) === 'dense'
  ) {
    const dense = inputs as Extract<ExampleInput, { kind: 'dense' }>[];
    const features = sameNumber(
      `${field}.features`,
      dense.map((i) => i.features),
    );
    const padded = padFloatSequences(
      dense.map((i) => i.x),
      features,
    );
    return { input: { kind: 'dense', features, x: padded.data }, steps: padded.steps };
  }
  const tokens = inputs as Extract<ExampleInput, { kind: 'tokens' }>[];
  const vocab = sameNumber(
    `${field}.vocab`,
    tokens.map((i) => i.vocab),
  );
  const padded = padIntSequences(tokens.map((i) => i.ids));
  return { input: { kind: 'tokens', vocab, ids: padded.data }, steps: padded.steps };
}

/** Pads targets; step targets must have the input's length (`lengths[b]`). */
function padTargets(targets: readonly ExampleTarget[], lengths: readonly number[], steps: number): Target {
  const B = targets.length;
  const kind = sameKind(
    'target.kind',
    targets.map((t) => t.kind),
  );
  if (kind === 'sequence-values') {
    const rows = targets as Extract<ExampleTarget, { kind: 'sequence-values' }>[];
    const outputs = sameNumber(
      'target.outputs',
      rows.map((t) => t.outputs),
    );
    const values = new Float32Array(B * outputs);
    rows.forEach((t, b) => values.set(t.values, b * outputs));
    return { kind, outputs, values };
  }
  if (kind === 'sequence-class') {
    const rows = targets as Extract<ExampleTarget, { kind: 'sequence-class' }>[];
    return {
      kind,
      classes: sameNumber(
        'target.classes',
        rows.map((t) => t.classes),
      ),
      ids: Int32Array.from(rows.map((t) => t.id)),
    };
  }
  const rows = targets as ExampleStepTarget[];
  rows.forEach((t, b) => {
    const n = t.kind === 'step-values' ? t.values.length / t.outputs : t.ids.length;
    if (n !== lengths[b]) throw new Error(`collate: examples[${b}].target has ${n} steps but its input has ${lengths[b]}`);
    const mask = t.mask;
    if (mask !== undefined && mask.length !== n) throw new Error(`collate: examples[${b}].target.mask has ${mask.length} steps but the target has ${n}`);
  });
  const mask = rows.every((t) => t.mask === undefined)
    ? lengthMask(lengths, steps)
    : padFloatSequences(
        rows.map((t, b) => t.mask ?? new Float32Array(at(lengths, b, 'collate: input lengths')).fill(1)),
        1,
        steps,
      ).data;
  if (kind === 'step-values') {
    const valueRows = rows as Extract<ExampleStepTarget, { kind: 'step-values' }>[];
    const outputs = sameNumber(
      'target.outputs',
      valueRows.map((t) => t.outputs),
    );
    return {
      kind,
      outputs,
      values: padFloatSequences(
        valueRows.map((t) => t.values),
        outputs,
        steps,
      ).data,
      mask,
    };
  }
  const classRows = rows as Extract<ExampleStepTarget, { kind: 'step-classes' }>[];
  const classes = sameNumber(
    'target.classes',
    classRows.map((t) => t.classes),
  );
  return {
    kind,
    classes,
    ids: padIntSequences(
      classRows.map((t) => t.ids),
      steps,
    ).data,
    mask,
    allowed: padAllowed(classRows, classes, steps),
  };
}

/** [T, B, V] from each example's [L, V] `allowed`, or its one-hot `ids` when it has none; null if none has one. */
function padAllowed(rows: readonly Extract<ExampleStepTarget, { kind: 'step-classes' }>[], classes: number, steps: number): Uint8Array | null {
  if (rows.every((t) => t.allowed === undefined)) return null;
  const B = rows.length;
  const allowed = new Uint8Array(steps * B * classes);
  rows.forEach((t, b) => {
    for (let s = 0; s < t.ids.length; s++) {
      const offset = (s * B + b) * classes;
      if (t.allowed === undefined) allowed[offset + t.ids[s]!] = 1;
      else allowed.set(t.allowed.subarray(s * classes, (s + 1) * classes), offset);
    }
  });
  return allowed;
}

function stackConditions(conditions: readonly ExampleCondition[]): Condition {
  if (
    sameKind(
      'condition.kind',
      conditions.map((c) => c.kind),
    ) === 'class'
  ) {
    const rows = conditions as Extract<ExampleCondition, { kind: 'class' }>[];
    return {
      kind: 'class',
      classes: sameNumber(
        'condition.classes',
        rows.map((c) => c.classes),
      ),
      ids: Int32Array.from(rows.map((c) => c.id)),
    };
  }
  const rows = conditions as Extract<ExampleCondition, { kind: 'dense' }>[];
  const features = sameNumber(
    'condition.features',
    rows.map((c) => c.features),
  );
  const values = new Float32Array(rows.length * features);
  rows.forEach((c, b) => values.set(c.values, b * features));
  return { kind: 'dense', features, values };
}
