// Small SequenceModels built straight from tasks (random init), exported to ONNX bytes with the
// options the model service uses, for the parity, inference and metadata tests.

import { buildModel } from '../../../../core/common/models/sequence/build-model';
import type { SequenceModel } from '../../../../core/common/models/sequence/sequence-model';
import { exportableFromSequenceModel } from '../../../../core/common/onnx/from-sequence-model';
import type { GraphDescription } from '../../../../core/common/onnx/model-builder';
import { GRAPH_METADATA_KEY, exportOnnxModel } from '../../../../core/common/onnx/model-builder';
import { readMetadata } from '../../../../core/common/onnx/proto';
import { Rng } from '../../../../core/common/random/rng';
import type { CellName } from '../../../../core/common/nn/recurrent-cell';
import { sequenceModelSpecSchema } from '../../../../core/common/spec/model-spec';
import { createTask } from '../../../../core/common/tasks/registry';
import type { Task } from '../../../../core/common/tasks/task';

/** A built-in task by id and parameters (throws on invalid ones: a test bug). */
export function task(id: string, params: Record<string, unknown>): Task {
  const created = createTask(id, params);
  if (!created.ok) throw new Error(`${id}: ${created.issues.map((i) => i.message).join('; ')}`);
  return created.value;
}

export interface StackShape {
  readonly cell: CellName;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly hiddenSize?: number;
}

export function smallModel(t: Task, shape: StackShape, seed = 1): SequenceModel {
  const spec = sequenceModelSpecSchema.parse({
    cell: shape.cell,
    hiddenSize: shape.hiddenSize ?? 5,
    numLayers: shape.numLayers,
    bidirectional: shape.bidirectional,
    embeddingDim: 4,
  });
  return buildModel(t, spec, new Rng(seed));
}

/** ONNX bytes with sequence_lens and carried state, as the model service writes them. */
export function exportBytes(model: SequenceModel, t: Task, runId: number | null = null): Uint8Array {
  return exportOnnxModel(exportableFromSequenceModel(model, t, { seqlabVersion: 'test', runId, spec: { test: true } }), {
    sequenceLens: true,
    carriedState: true,
  });
}

export function graphOf(bytes: Uint8Array): GraphDescription {
  return JSON.parse(readMetadata(bytes)[GRAPH_METADATA_KEY] as string) as GraphDescription;
}
