// `npm run bench`: measures SeqLab on the workloads of bench/README.md. Each measurement
// runs in its own process (3 warm-up steps, then the median of the timed steps); with --reps N the
// workloads are interleaved (rep 1 of everything, then rep 2, …) and the table shows the median over reps.
//   npm run bench -- [--workload W1|W2|W3|W4|I1] [--threads N] [--kernels wasm|js] [--reps N] [--steps N] [--warmup N] [--json]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WORKLOADS, type WorkloadId } from './workloads';
import { median } from './median';

const USAGE = 'npm run bench -- [--workload W1|W2|W3|W4|I1] [--threads N] [--kernels wasm|js] [--reps N] [--steps N] [--warmup N] [--json]';
const { values } = parseArgs({
  options: {
    workload: { type: 'string' },
    threads: { type: 'string', default: '1' },
    kernels: { type: 'string', default: 'wasm' },
    reps: { type: 'string', default: '1' },
    steps: { type: 'string', default: '12' },
    warmup: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`bench: ${message}\nUsage: ${USAGE}`);
  process.exit(2);
}

const workloads: WorkloadId[] = values.workload ? [values.workload as WorkloadId] : [...WORKLOADS];
if (!workloads.every((w) => WORKLOADS.includes(w))) fail(`unknown workload "${values.workload}"; choose one of ${WORKLOADS.join(', ')}.`);
const threads = Number(values.threads);
if (!Number.isInteger(threads) || threads < 1)
  fail('--threads must be a positive integer (W1–W3 train data-parallel over that many threads; I1 and W4 run on one).');
const reps = Number(values.reps);
if (!Number.isInteger(reps) || reps < 1) fail('--reps must be a positive integer.');

const measure = fileURLToPath(new URL('./measure.ts', import.meta.url));
const results = new Map<WorkloadId, Record<string, unknown>[]>();
for (let rep = 0; rep < reps; rep++) {
  for (const workload of workloads) {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        measure,
        '--workload',
        workload,
        '--steps',
        values.steps,
        '--warmup',
        values.warmup,
        '--threads',
        String(threads),
        '--kernels',
        values.kernels,
      ],
      {
        encoding: 'utf8',
        env: process.env,
      },
    );
    if (child.status !== 0) fail(`${workload} failed:\n${child.stderr}`);
    const line = child.stdout.trim().split('\n').pop();
    if (line === undefined || line === '') fail(`${workload} printed no measurement:\n${child.stderr}`);
    if (values.json) console.log(line);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    results.set(workload, [...(results.get(workload) ?? []), { ...parsed, rep: rep + 1 }]);
  }
}

if (!values.json) {
  console.log(`SeqLab, ${values.kernels} kernels, ${threads} thread${threads === 1 ? '' : 's'}, median over ${reps} process run(s):`);
  console.log('workload  metric                      value        median step');
  for (const [workload, runs] of results) {
    /** A number every measurement of this workload carries (measure.ts writes them). */
    const field = (key: string): number[] =>
      runs.map((r) => {
        const v = r[key];
        if (typeof v !== 'number') fail(`${workload}: a measurement has no number ${key} (got ${JSON.stringify(v)})`);
        return v;
      });
    const value = median(field('value'));
    const step = median(field('median_step_s'));
    const gflops = runs[0]?.gflops === undefined ? '' : `  (${median(field('gflops')).toFixed(2)} GFLOP/s)`;
    console.log(`${workload.padEnd(9)} ${String(runs[0]?.metric).padEnd(27)} ${value.toFixed(0).padStart(9)}    ${(step * 1000).toFixed(1)} ms${gflops}`);
    if (typeof runs[0]?.note === 'string') console.log(`          (${runs[0].note})`);
  }
}
