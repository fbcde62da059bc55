// Times one workload in this process and prints one JSON line with the peers' keys
// (framework, workload, threads, steps, warmup, step_s, median_step_s, metric, value[, gflops]).
//   tsx bench/measure.ts --workload W1 [--steps 12] [--warmup 3] [--threads 1] [--kernels wasm|js]
// --kernels: wasm (default, what runs train with) or js (the plain-JavaScript reference kernels).
// With --threads N > 1, W1–W3 train data-parallel over N threads (core/node/parallel); I1 (batch 1)
// and W4 cannot be split and are measured on one thread, with `threads: 1` and a `note` saying so.
import { parseArgs } from 'node:util';
import { makeWorkload, WORKLOADS, type WorkloadId } from './workloads';
import { jsKernels } from '../core/common/nn/kernels-js';
import { createWasmKernels } from '../core/common/nn/kernels-wasm';
import { fileURLToPath } from 'node:url';
import { DataParallelTrainer } from '../core/node/parallel/data-parallel-trainer';
import { median } from './median';

const { values } = parseArgs({
  options: {
    workload: { type: 'string' },
    steps: { type: 'string', default: '12' },
    warmup: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1' },
    kernels: { type: 'string', default: 'wasm' },
  },
});
const id = values.workload as WorkloadId;
if (!WORKLOADS.includes(id)) {
  console.error(`bench/measure: --workload must be one of ${WORKLOADS.join(', ')}`);
  process.exit(2);
}
const steps = Number(values.steps);
const warmup = Number(values.warmup);
const threads = Number(values.threads);
if (!Number.isInteger(threads) || threads < 1) {
  console.error('bench/measure: --threads must be a positive integer');
  process.exit(2);
}

if (values.kernels !== 'js' && values.kernels !== 'wasm') {
  console.error('bench/measure: --kernels must be js or wasm');
  process.exit(2);
}
const kernels = values.kernels === 'wasm' ? await createWasmKernels() : jsKernels;

const workload = makeWorkload(id, kernels);
const training = threads > 1 ? workload.training : undefined;
const parallel = training
  ? await DataParallelTrainer.create({
      ...training.options,
      threads,
      kernels: values.kernels,
      workerEntry: fileURLToPath(new URL('../core/node/parallel/gradient-worker.ts', import.meta.url)),
    })
  : null;
let stepIndex = 0;
const step = async (): Promise<void> => {
  if (parallel && training) await parallel.step(training.batch, stepIndex++);
  else workload.step();
};
for (let i = 0; i < warmup; i++) await step();
const times: number[] = [];
for (let i = 0; i < steps; i++) {
  const t0 = process.hrtime.bigint();
  await step();
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
await parallel?.close();
const medianStep = median(times);
const result: Record<string, unknown> = {
  framework: 'seqlab',
  workload: id,
  threads: parallel ? threads : 1,
  kernels: values.kernels,
  steps,
  warmup,
  step_s: times,
  median_step_s: medianStep,
  metric: workload.metric,
  value: workload.units / medianStep,
};
if (workload.flops) result.gflops = workload.flops / medianStep / 1e9;
if (threads > 1 && !parallel) {
  result.note =
    id === 'I1'
      ? `generation at batch 1 cannot be split across threads: measured on 1 thread (asked for ${threads})`
      : `${id} has no data-parallel trainer yet: measured on 1 thread (asked for ${threads})`;
}
console.log(JSON.stringify(result));
