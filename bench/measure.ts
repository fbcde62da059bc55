// Times one workload in this process and prints one JSON line with the peers' keys
// (framework, workload, threads, steps, warmup, step_s, median_step_s, metric, value[, gflops]).
//   tsx bench/measure.ts --workload W1 [--steps 12] [--warmup 3] [--threads 1]
import { parseArgs } from 'node:util';
import { makeWorkload, WORKLOADS, type WorkloadId } from './workloads';

const { values } = parseArgs({
  options: { workload: { type: 'string' }, steps: { type: 'string', default: '12' }, warmup: { type: 'string', default: '3' }, threads: { type: 'string', default: '1' } },
});
const id = values.workload as WorkloadId;
if (!WORKLOADS.includes(id)) {
  console.error(`bench/measure: --workload must be one of ${WORKLOADS.join(', ')}`);
  process.exit(2);
}
const steps = Number(values.steps);
const warmup = Number(values.warmup);
const threads = Number(values.threads);

const workload = makeWorkload(id);
for (let i = 0; i < warmup; i++) workload.step();
const times: number[] = [];
for (let i = 0; i < steps; i++) {
  const t0 = process.hrtime.bigint();
  workload.step();
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
const sorted = [...times].sort((a, b) => a - b);
const n = sorted.length;
const median = n % 2 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
const result: Record<string, unknown> = {
  framework: 'seqlab',
  workload: id,
  threads,
  steps,
  warmup,
  step_s: times,
  median_step_s: median,
  metric: workload.metric,
  value: workload.units / median,
};
if (workload.flops) result.gflops = workload.flops / median / 1e9;
console.log(JSON.stringify(result));
