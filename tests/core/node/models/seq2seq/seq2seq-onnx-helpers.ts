// Shared by the seq2seq ONNX tests: seeded sources with chosen lengths, a model's two graphs opened
// in onnxruntime, and SeqLab's own greedy / sampled generation to compare with.

import type { GenerateOptions, Generated } from '../../../../../core/common/generate/generate';
import { generate } from '../../../../../core/common/generate/generate';
import type { Seq2SeqOnnxOptions } from '../../../../../core/common/onnx/seq2seq/seq2seq-export';
import { exportSeq2SeqOnnx } from '../../../../../core/common/onnx/seq2seq/seq2seq-export';
import type { Seq2SeqParitySource } from '../../../../../core/common/onnx/seq2seq/seq2seq-parity';
import type { Rng } from '../../../../../core/common/random/rng';
import type { Seq2SeqModel } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { OnnxSeq2Seq } from '../../../../../core/node/models/seq2seq/seq2seq-onnx';

/** Tokens 4..V-1 (past the reserved ids) or features in [-1, 1] on valid steps; PAD (0) beyond each length. */
export function randomSource(rng: Rng, model: Seq2SeqModel, lengths: readonly number[]): Seq2SeqParitySource {
  const B = lengths.length,
    S = Math.max(...lengths);
  const embedding = model.encoder.embedding;
  if (embedding !== null) {
    const ids = new Int32Array(S * B);
    for (let b = 0; b < B; b++) for (let s = 0; s < (lengths[b] as number); s++) ids[s * B + b] = 4 + rng.int(embedding.numEmbeddings - 4);
    return { input: { kind: 'tokens', ids }, S, B, lengths: Int32Array.from(lengths) };
  }
  const I = model.encoder.rnn.inputSize;
  const x = new Float32Array(S * B * I);
  for (let b = 0; b < B; b++) for (let s = 0; s < (lengths[b] as number); s++) for (let j = 0; j < I; j++) x[(s * B + b) * I + j] = rng.uniform(-1, 1);
  return { input: { kind: 'dense', x, features: I }, S, B, lengths: Int32Array.from(lengths) };
}

export async function openPair(model: Seq2SeqModel, options: Seq2SeqOnnxOptions = {}): Promise<OnnxSeq2Seq> {
  const bytes = exportSeq2SeqOnnx(model, options);
  const opened = await OnnxSeq2Seq.open(bytes.encoder, bytes.step);
  if (!opened.ok) throw new Error(opened.message);
  return opened.pair;
}

/** SeqLab's `generate` over the model's own DecoderSession. */
export function seqlabGenerate(model: Seq2SeqModel, source: Seq2SeqParitySource, opts: GenerateOptions): Generated {
  const buffer =
    source.input.kind === 'tokens'
      ? { kind: 'tokens' as const, vocab: model.encoder.embedding?.numEmbeddings ?? 0, ids: source.input.ids }
      : { kind: 'dense' as const, features: source.input.features, x: source.input.x };
  return generate(model.session(buffer, source.S, source.B, source.lengths), opts);
}
