// A parity report as the exports table stores it (JSON), read back checked, not trusted. Reports written
// before the elementwise criterion (core/common/onnx/parity-criterion.ts) are read as what they were.
import { z } from 'zod';
import type { ParityReport } from '../../common/api/entities';
import { parityCaseSchema, parityReportSchema } from '../../common/api/entities';

/** A report stored before the elementwise criterion: one absolute `tolerance`, max |Δ| per output. */
const legacyParitySchema = z.object({
  tolerance: z.number(),
  passed: z.boolean(),
  maxAbsDiff: z.number().nullable(),
  runtime: z.string(),
  cases: z.array(parityCaseSchema.extend({ outputs: z.record(z.string(), z.number().nullable()) })),
});

/**
 * A parity report as stored; an older one is read as what it was — judged by |Δ| ≤ tolerance alone (atol =
 * tolerance, rtol 0), its verdicts kept, no worst element recorded — rather than dropped as if there were none.
 */
export function readParity(value: unknown): ParityReport | null {
  const current = parityReportSchema.safeParse(value);
  if (current.success) return current.data;
  const legacy = legacyParitySchema.safeParse(value);
  if (!legacy.success) return null;
  const { tolerance, passed, maxAbsDiff, runtime, cases } = legacy.data;
  return {
    criterion: { atol: tolerance, rtol: 0 },
    passed,
    maxAbsDiff,
    runtime,
    cases: cases.map((c) => ({
      ...c,
      outputs: Object.fromEntries(Object.entries(c.outputs).map(([name, d]) => [name, { maxAbsDiff: d, worst: null, pass: d !== null && d <= tolerance }])),
    })),
  };
}
