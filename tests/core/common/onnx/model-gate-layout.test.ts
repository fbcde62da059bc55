// The gate layout of every model kind names what really exists: each parameter is one of the model's own
// (checkpoint names, with its shape), and each ONNX tensor is an initializer of the graph the layout says
// holds it, with the dims shown — checked against the exporters' output, not restated.
import { describe, expect, it } from 'vitest';
import type { GateStack } from '../../../../core/common/api/entities';
import { buildModel } from '../../../../core/common/models/sequence/build-model';
import { buildConditionedModel } from '../../../../core/common/models/conditioned/build-conditioned';
import { buildSeq2SeqModel } from '../../../../core/common/models/seq2seq/build-seq2seq';
import type { Param } from '../../../../core/common/nn/param';
import { buildConditionedOnnx } from '../../../../core/common/onnx/conditioned/conditioned-export';
import { exportableFromSequenceModel } from '../../../../core/common/onnx/from-sequence-model';
import { buildOnnxModel } from '../../../../core/common/onnx/model-builder';
import { modelGateLayout } from '../../../../core/common/onnx/model-gate-layout';
import type { onnx } from '../../../../core/common/onnx/proto';
import { buildSeq2SeqOnnx } from '../../../../core/common/onnx/seq2seq/seq2seq-export';
import { Rng } from '../../../../core/common/random/rng';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';

function parsed(spec: unknown) {
  const result = parseExperimentSpec(spec);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

const dense = (encoding: { kind: string; features?: number }) => (encoding.kind === 'dense' ? (encoding.features ?? null) : null);

/** Every parameter named by the layout exists with its shape; every ONNX tensor is an initializer of `graph` with its dims. */
function expectNamesExist(stack: GateStack, params: readonly Param[], graph: onnx.IGraphProto): void {
  const byName = new Map(params.map((p) => [p.name, p]));
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name, (t.dims ?? []).map(Number)]));
  for (const p of stack.parameters) {
    expect(byName.get(p.parameter)?.shape, p.parameter).toEqual(p.shape);
    expect(initializers.get(p.onnx.tensor), p.onnx.tensor).toEqual(p.onnx.shape);
  }
}

describe('modelGateLayout against the models and their ONNX graphs', () => {
  it('a bidirectional two-layer sequence model: one stack in the model graph', () => {
    const { spec, task } = parsed({
      task: { id: 'adding-problem', params: { length: 5 } },
      model: { cell: 'lstm', hiddenSize: 3, numLayers: 2, bidirectional: true },
    });
    if (spec.model.kind !== 'sequence') throw new Error('sequence');
    const model = buildModel(task, spec.model, new Rng(1));
    const [stack] = modelGateLayout(spec.model, { inputFeatures: dense(task.input), outputFeatures: null });
    const graph = buildOnnxModel(exportableFromSequenceModel(model, task, { seqlabVersion: 't', runId: 1, spec, checkpoint: { kind: 'latest', step: 1 } }))
      .graph as onnx.IGraphProto;
    expect(stack?.parameters).toHaveLength(16);
    // Sequence models export their parameters without the `rnn.` prefix; the layout uses the PyTorch names.
    expectNamesExist(
      stack as GateStack,
      model.rnn.params.map((p) => ({ ...p, name: p.name.replace(/^rnn\./, '') }) as Param),
      graph,
    );
  });

  it('an encoder–decoder with attention: the encoder stack in the encoder graph, the decoder cell in the step graph', () => {
    const { spec, task } = parsed({
      task: { id: 'reverse-string', params: { alphabet: 4, minLength: 2, maxLength: 4 } },
      model: {
        kind: 'seq2seq',
        cell: 'gru',
        hiddenSize: 3,
        numLayers: 2,
        bidirectional: true,
        embeddingDim: 2,
        decoder: { cell: 'lstm', hiddenSize: 5 },
        attention: { size: 2 },
      },
    });
    if (spec.model.kind !== 'seq2seq') throw new Error('seq2seq');
    const model = buildSeq2SeqModel(task, spec.model, new Rng(1));
    const [encoder, decoder] = modelGateLayout(spec.model, { inputFeatures: null, outputFeatures: null });
    const graphs = buildSeq2SeqOnnx(model);
    expectNamesExist(encoder as GateStack, model.params, graphs.encoder.graph as onnx.IGraphProto);
    expectNamesExist(decoder as GateStack, model.params, graphs.step.graph as onnx.IGraphProto);
    expect(decoder?.inputSize).toBe(2 + 2 * 3);
  });

  it('a conditioned model: its decoder cell, reading its previous value, in the step graph', () => {
    const { spec, task } = parsed({
      task: { id: 'waveform-generation', params: { classes: 3, length: 6, period: 3 } },
      model: { kind: 'conditioned', cell: 'gru', hiddenSize: 4 },
    });
    if (spec.model.kind !== 'conditioned') throw new Error('conditioned');
    const model = buildConditionedModel(task, spec.model, new Rng(1));
    const stacks = modelGateLayout(spec.model, { inputFeatures: dense(task.input), outputFeatures: dense(task.output) });
    expect(stacks).toHaveLength(1);
    expectNamesExist(stacks[0] as GateStack, model.params, buildConditionedOnnx(model).step.graph as onnx.IGraphProto);
  });

  it('leaves the first input unset when the task is unknown', () => {
    const { spec } = parsed({ task: { id: 'adding-problem' }, model: { cell: 'gru', hiddenSize: 2 } });
    expect(modelGateLayout(spec.model, null)[0]?.inputSize).toBeNull();
  });
});
