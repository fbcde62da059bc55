// The export of a sequence-model run (recurrent stack + dense head): one ONNX graph with its parity report
// in onnxruntime-node against SeqLab's own forward pass, or the PyTorch-named state dict as safetensors.
import { rm } from 'node:fs/promises';
import type { SequenceModel } from '../../../common/models/sequence/sequence-model';
import { encodeSafetensors } from '../../../common/models/safetensors';
import { torchStateDict } from '../../../common/models/sequence/torch-state-dict';
import { exportableFromSequenceModel } from '../../../common/onnx/from-sequence-model';
import type { GraphDescription } from '../../../common/onnx/model-builder';
import { GRAPH_METADATA_KEY, buildOnnxModel } from '../../../common/onnx/model-builder';
import { parityCases } from '../../../common/onnx/parity';
import { encodeModel } from '../../../common/onnx/proto';
import { buildSeqlabMetadata } from '../../../common/onnx/seqlab-metadata';
import { formatSpecIssues, type SpecResult } from '../../../common/spec/experiment-spec';
import type { Task } from '../../../common/tasks/task';
import { OnnxSession } from '../../onnx/session';
import { writeOnnxModel } from '../../onnx/write-model';
import type { ExportFacet } from '../export-facet';
import type { ExportFailure } from '../export-files';
import { graphNaming, prepareFolder, provenanceOf, writeFailure } from '../export-files';
import { runParity } from '../onnx-parity';
import { restoreTrainedModel } from '../restore-model';

/** The trained model of a run (`parsed`: its spec with the Task, as `taskForRun` rebuilds it), or why it cannot be rebuilt. */
export function restoreRunModel(parsed: SpecResult, checkpointBytes: Uint8Array): { ok: true; model: SequenceModel; task: Task; seed: number } | ExportFailure {
  if (!parsed.ok)
    return {
      ok: false,
      code: 'invalid-spec',
      message: `The run's spec is no longer valid, so its model cannot be rebuilt:\n${formatSpecIssues(parsed.issues)}`,
    };
  const restored = restoreTrainedModel(parsed, checkpointBytes, 'sequence');
  return restored.ok ? { ok: true, model: restored.model, task: parsed.task, seed: parsed.spec.seed } : restored;
}

export const SEQUENCE_EXPORT: ExportFacet = {
  files: (path) => [path],
  async run(job, parsed, datasetCodec) {
    const restored = restoreRunModel(parsed, new Uint8Array(job.checkpoint.bytes));
    if (!restored.ok) return restored;
    const { model, task } = restored;
    const provenance = provenanceOf(job, datasetCodec);

    let bytes: Uint8Array;
    let graph: GraphDescription | null = null;
    if (job.format === 'safetensors') {
      bytes = encodeSafetensors(torchStateDict(model), { format: 'pt', ...buildSeqlabMetadata(task, model.config.output.perStep, provenance) });
    } else {
      const proto = buildOnnxModel(exportableFromSequenceModel(model, task, provenance), { sequenceLens: true, carriedState: true, ...graphNaming(job) });
      graph = JSON.parse(proto.metadataProps?.find((p) => p.key === GRAPH_METADATA_KEY)?.value ?? 'null') as GraphDescription;
      bytes = encodeModel(proto);
    }

    const folder = await prepareFolder(job);
    if (folder !== null) return folder;
    const written = await writeOnnxModel(job.path, bytes, { overwrite: job.overwrite });
    if (!written.ok) return writeFailure(written);
    const file = written.model;
    if (graph === null) return { ok: true, path: file.path, sha256: file.sha256, byteLength: file.byteLength, parity: null };

    // Parity on the file as written, so the report speaks for what is on disk.
    const opened = await OnnxSession.create(file.path);
    if (!opened.ok) {
      await rm(file.path, { force: true });
      return { ok: false, code: 'runtime-failed', message: `The exported model was removed because ${opened.message}` };
    }
    try {
      const cases = parityCases(model, task, { seed: restored.seed, softmax: task.output.kind !== 'dense' });
      const parity = await runParity(opened.session, graph, cases);
      return { ok: true, path: file.path, sha256: file.sha256, byteLength: file.byteLength, parity };
    } finally {
      await opened.session.close();
    }
  },
};
