// The export of an encoder–decoder run (twoGraphExport, export-facet.ts): its encoder graph at the job's
// path and its decoder step beside it, both carrying `seqlab.seq2seq`, checked by tracing SeqLab's greedy
// decoding through the pair in onnxruntime (core/common/onnx/seq2seq/seq2seq-parity.ts).
import { exportSeq2SeqOnnx } from '../../../common/onnx/seq2seq/seq2seq-export';
import { buildSeq2SeqMetadata } from '../../../common/onnx/seq2seq/seq2seq-metadata';
import { compareSeq2SeqTrace, seq2seqParityCases } from '../../../common/onnx/seq2seq/seq2seq-parity';
import { graphNaming } from '../export-files';
import { twoGraphExport } from '../export-facet';
import { OnnxSeq2Seq } from './seq2seq-onnx';

export const SEQ2SEQ_EXPORT = twoGraphExport({
  kind: 'seq2seq',
  graphs(model, { task }, job, provenance) {
    const metadata = { encoder: buildSeq2SeqMetadata(task, provenance, 'encoder'), 'decoder-step': buildSeq2SeqMetadata(task, provenance, 'decoder-step') };
    const bytes = exportSeq2SeqOnnx(model, { ...graphNaming(job), metadata });
    return { first: bytes.encoder, step: bytes.step };
  },
  open: OnnxSeq2Seq.open,
  async parity(model, { task, spec }, pair) {
    const results = [];
    for (const c of seq2seqParityCases(model, task, { seed: spec.seed })) results.push(compareSeq2SeqTrace(c, await pair.trace(c.source, c.expected.tokens)));
    return results;
  },
});
