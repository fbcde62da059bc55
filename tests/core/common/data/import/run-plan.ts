// Test helper: runs an import (all its passes) and a load over text in memory, in chunks of a given size,
// exactly as the Node reader drives them over a file.
import { datasetTask, type DatasetData, type DatasetTaskParams } from '../../../../../core/common/tasks/dataset-task';
import { catchImport, type ImportResult } from '../../../../../core/common/data/import/import-error';
import { importOptionsSchema, type ImportOptionsInput } from '../../../../../core/common/data/import/import-options';
import { planImport, planLoad, type ImportOutput } from '../../../../../core/common/data/import/import-plan';
import type { TextPass } from '../../../../../core/common/data/import/text-pass';
import type { Task } from '../../../../../core/common/tasks/task';

function feed(pass: TextPass, text: string, chunk: number): void {
  for (let i = 0; i < text.length && !pass.done; i += chunk) pass.push(text.slice(i, i + chunk));
  if (!pass.done) pass.end();
}

export function importText(text: string, options: ImportOptionsInput, file = 'mem.csv', chunk = 97): ImportResult<ImportOutput> {
  return catchImport(() => {
    const plan = planImport(importOptionsSchema.parse(options), file);
    feed(plan.first, text, chunk);
    for (let next = plan.next(); next !== null; next = plan.next()) feed(next, text, chunk);
    return plan.result();
  });
}

export function loadText(text: string, output: ImportOutput, file = 'mem.csv', params: DatasetTaskParams = {}): { task: Task; data: DatasetData } {
  const plan = planLoad(output.encoder, file);
  feed(plan.pass, text, 1000);
  const data = plan.data();
  const task = datasetTask(output.encoder, data, file, params);
  if (!task.ok) throw new Error(task.error.message);
  return { task: task.value, data };
}

/** Imports and loads, throwing on any import error (for tests of valid files). */
export function taskFromText(text: string, options: ImportOptionsInput, file = 'mem.csv'): { task: Task; data: DatasetData; output: ImportOutput } {
  const output = importText(text, options, file);
  if (!output.ok) throw new Error(output.error.message);
  return { ...loadText(text, output.value, file), output: output.value };
}
