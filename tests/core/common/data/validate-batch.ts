// Batch validation, the tests' oracle of batch.ts: checks every shape, length, id range and padding rule, and throws
// naming the field and index of the first violation (`validateBatch: lengths[3] = 12 is outside [1, 10]`). The task,
// collate and import tests pass every batch they draw through it; the product builds batches with collate, which
// these tests hold to the rules, so it does not re-check each one.
//
// Legend: T steps, S source steps, B batch, K values per step (I, O or V).
import type { Batch, Condition, InputBuffer, StepTarget, Target } from '../../../../core/common/data/batch';
import { BOS_ID, EOS_ID, PAD_ID } from '../../../../core/common/data/vocabulary';

class Checker {
  constructor(
    readonly T: number,
    readonly B: number,
  ) {}

  fail(message: string): never {
    throw new Error(`validateBatch: ${message}`);
  }

  at(field: string, t: number, b: number): string {
    return `${field}[t=${t}, b=${b}]`;
  }

  size(field: string, buffer: ArrayLike<number>, expected: number, shape: string): void {
    if (buffer.length !== expected) this.fail(`${field} has ${buffer.length} values, expected ${shape} = ${expected}`);
  }

  count(field: string, value: number): void {
    if (!Number.isInteger(value) || value < 1) this.fail(`${field} must be a positive integer, got ${value}`);
  }

  lengths(field: string, lengths: Int32Array): void {
    this.size(field, lengths, this.B, `[B=${this.B}]`);
    lengths.forEach((n, b) => {
      if (n < 1 || n > this.T) this.fail(`${field}[${b}] = ${n} is outside [1, ${this.T}]`);
    });
  }

  /** Ids in [0, V) everywhere and PAD after each length. */
  ids(field: string, ids: Int32Array, vocab: number, lengths: Int32Array): void {
    this.count(`${field} vocabulary size`, vocab);
    this.size(field, ids, this.T * this.B, `[T=${this.T}, B=${this.B}]`);
    for (let t = 0; t < this.T; t++) {
      for (let b = 0; b < this.B; b++) {
        const id = ids[t * this.B + b]!;
        if (id < 0 || id >= vocab) this.fail(`${this.at(field, t, b)} = ${id} is outside [0, ${vocab})`);
        if (t >= lengths[b]! && id !== PAD_ID) this.fail(`${this.at(field, t, b)} = ${id} is after length ${lengths[b]} but is not PAD (${PAD_ID})`);
      }
    }
  }

  /** [T, B, K] values: finite inside each length, 0 after it. */
  values(field: string, values: Float32Array, width: number, lengths: Int32Array): void {
    this.count(`${field} width`, width);
    this.size(field, values, this.T * this.B * width, `[T=${this.T}, B=${this.B}, ${width}]`);
    for (let t = 0; t < this.T; t++) {
      for (let b = 0; b < this.B; b++) {
        for (let k = (t * this.B + b) * width, end = k + width; k < end; k++) {
          const v = values[k];
          if (t < lengths[b]! ? !Number.isFinite(v) : v !== 0)
            this.fail(`${this.at(field, t, b)} = ${v} ${t < lengths[b]! ? 'is not finite' : `is after length ${lengths[b]} but is not 0`}`);
        }
      }
    }
  }

  /** [T, B] weights: finite and ≥ 0, and 0 after each length. */
  mask(field: string, mask: Float32Array, lengths: Int32Array): void {
    this.size(field, mask, this.T * this.B, `[T=${this.T}, B=${this.B}]`);
    for (let t = 0; t < this.T; t++) {
      for (let b = 0; b < this.B; b++) {
        const w = mask[t * this.B + b]!;
        if (!(w >= 0 && Number.isFinite(w))) this.fail(`${this.at(field, t, b)} = ${w} must be finite and >= 0`);
        if (t >= lengths[b]! && w !== 0) this.fail(`${this.at(field, t, b)} = ${w} is after length ${lengths[b]} but is not 0`);
      }
    }
  }

  input(field: string, input: InputBuffer, lengths: Int32Array): void {
    if (input.kind === 'dense') this.values(`${field}.x`, input.x, input.features, lengths);
    else this.ids(`${field}.ids`, input.ids, input.vocab, lengths);
  }

  stepTarget(target: StepTarget, lengths: Int32Array): void {
    this.mask('target.mask', target.mask, lengths);
    if (target.kind === 'step-values') {
      this.values('target.values', target.values, target.outputs, lengths);
      return;
    }
    this.ids('target.ids', target.ids, target.classes, lengths);
    if (target.allowed === null) return;
    const V = target.classes;
    this.size('target.allowed', target.allowed, this.T * this.B * V, `[T=${this.T}, B=${this.B}, V=${V}]`);
    for (let i = 0; i < target.mask.length; i++) {
      if (target.mask[i]! > 0 && target.allowed[i * V + target.ids[i]!] !== 1) {
        this.fail(`${this.at('target.allowed', Math.floor(i / this.B), i % this.B)} does not allow the target id ${target.ids[i]}`);
      }
    }
  }

  target(target: Target, lengths: Int32Array): void {
    switch (target.kind) {
      case 'step-values':
      case 'step-classes':
        return this.stepTarget(target, lengths);
      case 'sequence-values':
        this.count('target.outputs', target.outputs);
        this.size('target.values', target.values, this.B * target.outputs, `[B=${this.B}, O=${target.outputs}]`);
        target.values.forEach((v, i) => {
          if (!Number.isFinite(v)) this.fail(`target.values[b=${Math.floor(i / target.outputs)}, ${i % target.outputs}] = ${v} is not finite`);
        });
        return;
      case 'sequence-class':
        this.perSequenceIds('target.ids', target.ids, target.classes);
    }
  }

  perSequenceIds(field: string, ids: Int32Array, classes: number): void {
    this.count(`${field} classes`, classes);
    this.size(field, ids, this.B, `[B=${this.B}]`);
    ids.forEach((id, b) => {
      if (id < 0 || id >= classes) this.fail(`${field}[${b}] = ${id} is outside [0, ${classes})`);
    });
  }

  condition(condition: Condition): void {
    if (condition.kind === 'class') return this.perSequenceIds('condition.ids', condition.ids, condition.classes);
    this.count('condition.features', condition.features);
    this.size('condition.values', condition.values, this.B * condition.features, `[B=${this.B}, C=${condition.features}]`);
    condition.values.forEach((v, i) => {
      if (!Number.isFinite(v)) this.fail(`condition.values[b=${Math.floor(i / condition.features)}, ${i % condition.features}] = ${v} is not finite`);
    });
  }
}

/** Throws if `batch` breaks any rule of batch.ts; returns it unchanged otherwise. */
export function validateBatch<B extends Batch>(batch: B): B {
  if (!Number.isInteger(batch.batchSize) || batch.batchSize < 1) throw new Error(`validateBatch: batchSize must be a positive integer, got ${batch.batchSize}`);
  switch (batch.kind) {
    case 'sequence': {
      const c = new Checker(batch.steps, batch.batchSize);
      c.count('steps', batch.steps);
      c.lengths('lengths', batch.lengths);
      c.input('input', batch.input, batch.lengths);
      c.target(batch.target, batch.lengths);
      break;
    }
    case 'conditioned': {
      const c = new Checker(batch.steps, batch.batchSize);
      c.count('steps', batch.steps);
      c.lengths('lengths', batch.lengths);
      c.condition(batch.condition);
      c.input('decoderInput', batch.decoderInput, batch.lengths);
      c.stepTarget(batch.target, batch.lengths);
      break;
    }
    case 'seq2seq':
      validateSeq2Seq(batch);
  }
  return batch;
}

function validateSeq2Seq(batch: Extract<Batch, { kind: 'seq2seq' }>): void {
  const source = new Checker(batch.sourceSteps, batch.batchSize);
  source.count('sourceSteps', batch.sourceSteps);
  source.lengths('sourceLengths', batch.sourceLengths);
  source.input('source', batch.source, batch.sourceLengths);
  const c = new Checker(batch.targetSteps, batch.batchSize);
  const B = batch.batchSize;
  c.count('targetSteps', batch.targetSteps);
  if (batch.targetVocab <= EOS_ID) c.fail(`targetVocab = ${batch.targetVocab} must exceed the reserved EOS id ${EOS_ID}`);
  c.lengths('targetLengths', batch.targetLengths);
  c.ids('decoderInput', batch.decoderInput, batch.targetVocab, batch.targetLengths);
  c.ids('target', batch.target, batch.targetVocab, batch.targetLengths);
  c.mask('targetMask', batch.targetMask, batch.targetLengths);
  for (let b = 0; b < B; b++) {
    const n = batch.targetLengths[b]!;
    if (batch.decoderInput[b] !== BOS_ID) c.fail(`${c.at('decoderInput', 0, b)} = ${batch.decoderInput[b]} must be BOS (${BOS_ID})`);
    if (batch.target[(n - 1) * B + b] !== EOS_ID)
      c.fail(`${c.at('target', n - 1, b)} = ${batch.target[(n - 1) * B + b]} must be EOS (${EOS_ID}) at the last step of length ${n}`);
    for (let t = 0; t < n; t++) {
      if (batch.targetMask[t * B + b] !== 1) c.fail(`${c.at('targetMask', t, b)} = ${batch.targetMask[t * B + b]} must be 1 inside length ${n}`);
      // teacher forcing: the decoder reads at t the target of t − 1
      if (t > 0 && batch.decoderInput[t * B + b] !== batch.target[(t - 1) * B + b]) {
        c.fail(
          `${c.at('decoderInput', t, b)} = ${batch.decoderInput[t * B + b]} must equal target[t=${t - 1}, b=${b}] = ${batch.target[(t - 1) * B + b]} (teacher forcing)`,
        );
      }
    }
  }
}
