// The registry as the UI shows it: every built-in task with its parameters, ranges and default baseline.
import type { TaskInfo } from './entities';
import { describeRange } from '../tasks/params';
import { TASKS, createTask } from '../tasks/registry';

export function listTaskInfo(): TaskInfo[] {
  return TASKS.map((definition) => {
    const instance = createTask(definition.id, {});
    if (!instance.ok) throw new Error(`task ${definition.id}: its default parameters are invalid: ${instance.issues.map((i) => i.message).join('; ')}`);
    return {
      id: definition.id,
      title: definition.title,
      description: definition.description,
      shape: definition.shape,
      causality: { ...definition.causality },
      loss: definition.loss,
      metrics: [...definition.metrics],
      params: Object.entries(definition.params).map(([name, spec]) => ({
        name,
        label: spec.label,
        description: spec.description,
        kind: spec.kind,
        default: spec.default,
        range: describeRange(spec),
      })),
      baseline: { ...instance.value.baseline },
    };
  });
}
