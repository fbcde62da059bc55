// The task vocabulary is the one list the API entities, the export metadata and the built-in tasks use: the schemas
// accept exactly its words, and every registered task declares only them.
import { describe, expect, it } from 'vitest';
import { modelInfoSchema, predictionSchema, taskInfoSchema } from '../../../../core/common/api/entities';
import { TASKS } from '../../../../core/common/tasks/registry';
import {
  ENCODING_KINDS,
  LOSS_NAMES,
  OUTPUT_VALUE_KINDS,
  READOUTS,
  TASK_METRIC_NAMES,
  TASK_SHAPES,
  TOKENIZATIONS,
} from '../../../../core/common/tasks/task-vocabulary';

describe('the task vocabulary', () => {
  it('is what the API entities accept, word for word', () => {
    expect(taskInfoSchema.shape.shape.options).toEqual([...TASK_SHAPES]);
    expect(taskInfoSchema.shape.loss.options).toEqual([...LOSS_NAMES]);
    expect(taskInfoSchema.shape.metrics.element.options).toEqual([...TASK_METRIC_NAMES]);
    expect(modelInfoSchema.shape.task.shape.shape.options).toEqual([...TASK_SHAPES]);
    expect(modelInfoSchema.shape.input.shape.kind.options).toEqual([...ENCODING_KINDS]);
    expect(modelInfoSchema.shape.input.shape.tokenization.unwrap().options).toEqual([...TOKENIZATIONS]);
    expect(modelInfoSchema.shape.output.shape.readout.options).toEqual([...READOUTS]);
    expect(modelInfoSchema.shape.output.shape.values.options).toEqual([...OUTPUT_VALUE_KINDS]);
    expect(predictionSchema.shape.readout.options).toEqual([...READOUTS]);
  });

  it('holds every built-in task’s shape, loss and metrics', () => {
    for (const task of TASKS) {
      expect(TASK_SHAPES, task.id).toContain(task.shape);
      expect(LOSS_NAMES, task.id).toContain(task.loss);
      for (const metric of task.metrics) expect(TASK_METRIC_NAMES, task.id).toContain(metric);
    }
  });
});
