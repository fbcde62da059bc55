// The explorer's three calls computed from a restored model (in a worker: core/node/inspect/explorer-job.ts):
// a page of a trace (one layer's signal over a window of steps, the attention over the same source steps,
// and one unit at every step), units ranked against a pattern, and gate saturation over validation examples.
// Each returns the API's response or a message saying what is wrong and what to do.

import type { z } from 'zod';
import type { ExplorerSaturation, ExplorerSearch, ExplorerTrace } from '../api/explorer-entities';
import type { explorerSaturationRequestSchema, explorerSearchRequestSchema, explorerTraceRequestSchema } from '../api/explorer-entities';
import type { Seq2SeqModel } from '../models/seq2seq/seq2seq-model';
import type { SequenceModel } from '../models/sequence/sequence-model';
import type { Encoding, Task } from '../tasks/task';
import type { ModelTrace } from './model-trace';
import { evaluationRng } from '../train/session-setup';
import { SATURATION_MARGIN } from './saturation';
import { resolveExplorerInput, type ResolvedInput } from './explorer-input';
import { seq2seqSaturation, sequenceSaturation } from './model-saturation';
import { traceSeq2Seq, traceSequence, tracedLayerName } from './model-trace';
import { patternOverSteps, rankUnits } from './pattern-search';

export type ExplorerModel = { readonly kind: 'sequence'; readonly model: SequenceModel } | { readonly kind: 'seq2seq'; readonly model: Seq2SeqModel };
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };
export interface CheckpointInfo {
  readonly kind: 'latest' | 'best';
  readonly step: number;
}

type TraceRequest = z.output<typeof explorerTraceRequestSchema>;
type SearchRequest = z.output<typeof explorerSearchRequestSchema>;
type SaturationRequest = z.output<typeof explorerSaturationRequestSchema>;

function traced(task: Task, m: ExplorerModel, input: TraceRequest['input']): Outcome<{ input: ResolvedInput; trace: ModelTrace }> {
  const resolved = resolveExplorerInput(task, m.kind, input);
  if (!resolved.ok) return resolved;
  const r = resolved.input;
  const trace = m.kind === 'sequence' ? traceSequence(m.model, r.buffer, r.steps) : traceSeq2Seq(m.model, r.buffer, r.steps, r.decodeSteps);
  return { ok: true, value: { input: r, trace } };
}

function outputText(encoding: Encoding, id: number): string {
  return encoding.kind === 'tokens' ? encoding.vocabulary.token(id) : encoding.kind === 'classes' ? (encoding.labels[id] ?? `#${id}`) : String(id);
}

export function explorerTrace(task: Task, m: ExplorerModel, request: TraceRequest, checkpoint: CheckpointInfo): Outcome<ExplorerTrace> {
  const t = traced(task, m, request.input);
  if (!t.ok) return t;
  const { input, trace } = t.value;
  const layer = trace.layers[request.layer];
  if (layer === undefined)
    return {
      ok: false,
      message: `The model has ${trace.layers.length} recurrent layer(s) to explore (0..${trace.layers.length - 1}); layer ${request.layer} does not exist.`,
    };
  const signal = layer.signals.get(request.signal);
  const name = tracedLayerName(layer);
  if (signal === undefined)
    return {
      ok: false,
      message: `${name} (${layer.cell}) has the signals ${[...layer.signals.keys()].join(', ')}; it has no ${JSON.stringify(request.signal)}.`,
    };
  const H = layer.hiddenSize;
  const start = Math.min(request.start, Math.max(0, layer.steps - 1));
  const end = Math.min(layer.steps, start + request.length);
  const values = Array.from({ length: H }, (_, j) => Array.from({ length: end - start }, (_, i) => signal[(start + i) * H + j]!));
  let unit: ExplorerTrace['unit'] = null;
  if (request.unit !== undefined) {
    if (request.unit >= H) return { ok: false, message: `${name} has ${H} units (0..${H - 1}); unit ${request.unit} does not exist.` };
    const j = request.unit;
    unit = { unit: j, values: Array.from({ length: layer.steps }, (_, s) => signal[s * H + j]!) };
  }
  // The attention over the source steps the page shows (all of them when the page is the decoder's).
  const sourceWindow = layer.part === 'decoder' ? { start: 0, end: input.steps } : { start, end };
  const attention =
    trace.attention === null
      ? null
      : { start: sourceWindow.start, weights: trace.attention.map((row) => Array.from(row.subarray(sourceWindow.start, sourceWindow.end))) };
  return {
    ok: true,
    value: {
      checkpoint: checkpoint.kind,
      step: checkpoint.step,
      modelKind: m.kind,
      tokens: [...input.tokens],
      unknown: [...input.unknown],
      layers: trace.layers.map((l) => ({
        name: tracedLayerName(l),
        part: l.part,
        layer: l.layer,
        reverse: l.reverse,
        cell: l.cell,
        hiddenSize: l.hiddenSize,
        steps: l.steps,
        signals: [...l.signals.keys()],
      })),
      generated: trace.generated === null ? null : Array.from(trace.generated, (id) => outputText(task.output, id)),
      page: { layer: request.layer, signal: request.signal, start, values },
      attention,
      unit,
    },
  };
}

export function explorerSearch(task: Task, m: ExplorerModel, request: SearchRequest): Outcome<ExplorerSearch> {
  const t = traced(task, m, request.input);
  if (!t.ok) return t;
  const { input, trace } = t.value;
  const pattern = patternOverSteps(request.pattern, input);
  if (!pattern.ok) return pattern;
  const ranking = rankUnits(trace.layers, request.signal, pattern.pattern, request.top);
  if (ranking.searched === 0)
    return {
      ok: false,
      message: `No layer over the input has the signal ${JSON.stringify(request.signal)} (${trace.layers.map((l) => `${tracedLayerName(l)}: ${[...l.signals.keys()].join(', ')}`).join('; ')}).`,
    };
  return {
    ok: true,
    value: {
      steps: input.steps,
      ones: pattern.ones,
      searched: ranking.searched,
      constant: ranking.constant,
      ranked: ranking.ranked.map((u) => {
        const layer = trace.layers[u.layer];
        if (layer === undefined) throw new Error(`explorerSearch: ranked layer ${u.layer} is not in the trace`);
        return { layer: u.layer, layerName: tracedLayerName(layer), unit: u.unit, r: u.r };
      }),
    },
  };
}

export function explorerSaturation(task: Task, m: ExplorerModel, request: SaturationRequest, checkpoint: CheckpointInfo): Outcome<ExplorerSaturation> {
  const batch = task.batch(evaluationRng(task, 'validation'), request.count, 'validation');
  let layers;
  if (m.kind === 'sequence' && batch.kind === 'sequence') layers = sequenceSaturation(m.model, batch);
  else if (m.kind === 'seq2seq' && batch.kind === 'seq2seq') layers = seq2seqSaturation(m.model, batch);
  else return { ok: false, message: `The task's batches are ${batch.kind} batches, which a ${m.kind} model does not read.` };
  const counted = layers.filter((l) => l.gates.length > 0);
  if (counted.length === 0)
    return { ok: false, message: 'This model has no σ or tanh gate (a ReLU RNN): ReLU has no upper end, so there is no saturation to count.' };
  return {
    ok: true,
    value: {
      checkpoint: checkpoint.kind,
      step: checkpoint.step,
      examples: request.count,
      margin: SATURATION_MARGIN,
      layers: counted.map((l) => ({ name: tracedLayerName(l), gates: l.gates.map((g) => ({ ...g })) })),
    },
  };
}
