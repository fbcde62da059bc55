// A run's trained model rebuilt from its resolved spec and a checkpoint, for the export and inspection
// workers: built for the run's task (initial values overwritten), then every parameter filled from the
// checkpoint by name. Each way it can fail is a value with a code and a message a person can act on.
import type { RunModel } from '../../common/models/model-kinds';
import { loadParams } from '../../common/train/load-params';
import { buildRunModel } from '../../common/models/model-kinds';
import { Rng } from '../../common/random/rng';
import type { SpecResult } from '../../common/spec/experiment-spec';
import { decodeCheckpoint } from '../../common/train/checkpoint-codec';

type Parsed = Extract<SpecResult, { ok: true }>;
export type ModelKind = RunModel['kind'];
export type ModelOf<K extends ModelKind> = Extract<RunModel, { kind: K }>['model'];
export type RestoreFailure = { readonly ok: false; readonly code: 'unsupported-model' | 'bad-checkpoint'; readonly message: string };

const KIND_NAME: Readonly<Record<ModelKind, string>> = {
  sequence: 'a sequence model (recurrent stack + dense head)',
  seq2seq: 'an encoder–decoder',
  conditioned: 'a one-to-many model',
};

/** The run's model of kind `kind` with the checkpoint's values, or why it cannot be rebuilt. */
export function restoreTrainedModel<K extends ModelKind>(
  parsed: Parsed,
  checkpointBytes: Uint8Array,
  kind: K,
): { ok: true; model: ModelOf<K> } | RestoreFailure {
  if (parsed.spec.model.kind !== kind)
    return { ok: false, code: 'unsupported-model', message: `This run trains ${KIND_NAME[parsed.spec.model.kind]}, not ${KIND_NAME[kind]}.` };
  let built: RunModel;
  try {
    built = buildRunModel(parsed.task, parsed.spec.model, new Rng(0)); // initial values are overwritten below
  } catch (e) {
    return { ok: false, code: 'unsupported-model', message: `The run's model (${KIND_NAME[kind]}) cannot be rebuilt for its task (${(e as Error).message}).` };
  }
  let params: Readonly<Record<string, Float32Array>>;
  try {
    params = decodeCheckpoint(checkpointBytes).checkpoint.params;
  } catch (e) {
    return { ok: false, code: 'bad-checkpoint', message: `The run's checkpoint cannot be read (${(e as Error).message}).` };
  }
  const problem = loadParams(built.model.params, params);
  if (problem !== null) return { ok: false, code: 'bad-checkpoint', message: `The checkpoint has ${problem}; it does not belong to this run's model.` };
  return { ok: true, model: built.model as ModelOf<K> };
}
