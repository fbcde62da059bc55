// Reading a registered dataset back as a Task for training (or its encoder for inference): the source file is
// streamed with the stored encoder, and its SHA-256 must still match the one registered, so a run trains on
// exactly the data it names.
import { createHash } from 'node:crypto';
import { datasetTask, type DatasetData, type DatasetTaskParams } from '../../common/tasks/dataset-task';
import { parseDatasetEncoder, type DatasetEncoder } from '../../common/data/import/encoder';
import { ImportFailure, importError, type ImportResult } from '../../common/data/import/import-error';
import { planLoad } from '../../common/data/import/import-plan';
import type { Task } from '../../common/tasks/task';
import type { Dataset, Store } from '../store';
import { openRegular, readPass, type ReadControl } from './read-file';

export interface LoadedDataset {
  readonly dataset: Dataset;
  /** Vocabularies, labels and normalisers: what inference needs to encode inputs and decode outputs. */
  readonly encoder: DatasetEncoder;
  readonly data: DatasetData;
  readonly task: Task;
}

/** What reading a dataset needs of its record (the training worker gets it in its start message, not from the store). */
export type DatasetSource = Pick<Dataset, 'id' | 'name' | 'sourcePath' | 'contentHash' | 'encoder' | 'createdAt'>;

export interface DatasetContent {
  readonly encoder: DatasetEncoder;
  readonly data: DatasetData;
  /** The source file, as messages name it. */
  readonly file: string;
}

/** Loads dataset `id` and builds its Task; `params` may change the window (and horizon) of series and text. */
export async function loadDatasetTask(
  store: Store,
  id: number,
  params: DatasetTaskParams = {},
  control: ReadControl = {},
): Promise<ImportResult<LoadedDataset>> {
  const dataset = store.datasets.get(id);
  if (dataset === undefined)
    return {
      ok: false,
      error: importError('invalid-options', `dataset #${id}`, null, `there is no dataset #${id}`, 'Choose a registered dataset (see the dataset list).'),
    };
  const content = await readDataset(dataset, control);
  if (!content.ok) return content;
  const { encoder, data, file } = content.value;
  const task = datasetTask(encoder, data, file, params);
  return task.ok ? { ok: true, value: { dataset, encoder, data, task: task.value } } : task;
}

/** Streams a dataset's source file with its stored encoder; the file must still have the SHA-256 it was registered with. */
export async function readDataset(dataset: DatasetSource, control: ReadControl = {}): Promise<ImportResult<DatasetContent>> {
  const { id } = dataset;
  const file = dataset.sourcePath ?? `dataset #${id}`;
  if (dataset.sourcePath === null)
    return {
      ok: false,
      error: importError(
        'unreadable-file',
        file,
        null,
        `dataset #${id} (${dataset.name}) was not imported from a file`,
        'Only imported datasets can be loaded this way.',
      ),
    };
  const encoder = parseDatasetEncoder(dataset.encoder, file);
  if (!encoder.ok) return encoder;
  const plan = planLoad(encoder.value, file);
  try {
    const read = await readPass(dataset.sourcePath, file, plan.pass, control);
    if (read.contentHash !== dataset.contentHash) changed(file, dataset);
    return { ok: true, value: { encoder: encoder.value, data: plan.data(), file } };
  } catch (e) {
    if (!(e instanceof ImportFailure)) throw e;
    // a file that no longer parses as it did has changed; say so rather than blame a row of the new content
    if (e.error.code !== 'unreadable-file' && e.error.code !== 'cancelled' && (await hashOf(dataset.sourcePath)) !== dataset.contentHash) {
      return { ok: false, error: changedError(file, dataset) };
    }
    return { ok: false, error: e.error };
  }
}

function changedError(file: string, dataset: DatasetSource): ImportFailure['error'] {
  return importError(
    'source-changed',
    file,
    null,
    `the file's content changed since it was imported as dataset #${dataset.id} (${dataset.name}) on ${new Date(dataset.createdAt).toISOString().slice(0, 10)}`,
    'Restore the original file, or import the new content as a new dataset and run on that.',
  );
}

function changed(file: string, dataset: DatasetSource): never {
  throw new ImportFailure(changedError(file, dataset));
}

async function hashOf(path: string): Promise<string | null> {
  try {
    const handle = await openRegular(path, path);
    try {
      const hash = createHash('sha256');
      for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) hash.update(chunk);
      return `sha256:${hash.digest('hex')}`;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
