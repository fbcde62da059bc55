// Public surface of file import: register a file as a dataset, preview it, and load a dataset back as a Task.
export { importDataset, readImport, registerImport, type ImportControl, type ImportedDataset, type ImportProgress, type ReadImport } from './import-dataset';
export { loadDatasetTask, type LoadedDataset } from './load-dataset';
export { previewFile, PREVIEW_BYTES } from './preview-file';
export { DEFAULT_CHUNK_BYTES } from './read-file';
export type { ImportError, ImportErrorCode, ImportResult } from '../../common/data/import/import-error';
export type { ImportOptionsInput } from '../../common/data/import/import-options';
export type { DatasetPreview, PreviewOptions } from '../../common/data/import/preview';
export type { DatasetTaskParams } from '../../common/tasks/dataset-task';
export { datasetCodec, type DatasetCodec } from '../../common/data/import/dataset-codec';
export { parseDatasetEncoder, type DatasetEncoder } from '../../common/data/import/encoder';
export { readDataset, type DatasetContent, type DatasetSource } from './load-dataset';
export { resolveRunSpec, taskForRun, type RunDataset, type RunSpecResult } from './run-spec';
