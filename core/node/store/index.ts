// Public surface of the SQLite run store; code outside core/node/store imports from here.

export { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './open-database';
export { openStore, Store, type StoreOptions, type ConnectionSettings } from './store';
export { CheckpointDamagedError, StoreOpenError, StoreWriteError, type StoreOpenErrorCode } from './errors';
export { SCHEMA_VERSION } from './migrations';
export { resolveDbPath, defaultDbPath, userDataDir, APP_NAME, DB_FILE_NAME, DB_ENV_VAR } from './default-path';
export { INTERRUPTED_MESSAGE } from './run-repository';
export type { ExperimentRepository } from './experiment-repository';
export type { RunRepository } from './run-repository';
export type { MetricRepository } from './metric-repository';
export type { CheckpointRepository } from './checkpoint-repository';
export type { DatasetRepository } from './dataset-repository';
export type { ExportRepository } from './export-repository';
export type { SweepRepository } from './sweep-repository';
export type { StudyRepository } from './study-repository';
export * from './types';
