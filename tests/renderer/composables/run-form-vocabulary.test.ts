// The New run form offers what the schema offers: every cell, optimiser, clip kind and BPTT mode, each giving a
// spec the backend accepts, and number fields bounded by the limits the schema enforces — read from the one
// vocabulary, never spelled again in the component.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CELL_NAMES } from '../../../core/common/nn/cell-names';
import { parseExperimentSpec, parseSpecFields } from '../../../core/common/spec/experiment-spec';
import { BPTT_MODES, CLIP_KINDS, OPTIMIZER_KINDS } from '../../../core/common/spec/spec-choices';
import { optimizerSpecSchema } from '../../../core/common/spec/training-spec';
import { DEFAULT_RUN_FORM, RUN_FORM_LIMITS, specFromForm, type RunFormFields } from '../../../renderer/src/composables/run-form-spec';

const FORM = new URL('../../../renderer/src/components/NewRunForm.vue', import.meta.url);
const SEQUENCE = { task: 'adding-problem', shape: 'many-to-one' } as const;
const SEQ2SEQ = { task: 'reverse-string', shape: 'seq2seq' } as const;

const accepted = (fields: Partial<RunFormFields>, target: typeof SEQUENCE | typeof SEQ2SEQ = SEQUENCE) =>
  parseExperimentSpec(specFromForm({ ...DEFAULT_RUN_FORM, ...fields }, target));
const issuesOf = (fields: Partial<RunFormFields>, target: typeof SEQUENCE | typeof SEQ2SEQ = SEQUENCE) => {
  const parsed = parseSpecFields(specFromForm({ ...DEFAULT_RUN_FORM, ...fields }, target));
  return parsed.ok ? [] : parsed.issues.map((issue) => issue.path);
};

describe('the New run form vocabulary', () => {
  it('writes no option list and no numeric limit of its own: they come from the schema and the vocabulary', () => {
    const source = readFileSync(FORM, 'utf8');
    expect(source).not.toMatch(/\s(min|max)="\d/);
    expect(source.match(/<option value="[^"]+"/g) ?? []).toEqual([]);
    for (const list of ['CELL_NAMES', 'OPTIMIZER_KINDS', 'CLIP_KINDS', 'BPTT_MODES']) expect(source).toContain(`in ${list}`);
  });

  it('offers every optimiser of the schema, and each gives a spec the backend accepts', () => {
    expect(OPTIMIZER_KINDS).toEqual(optimizerSpecSchema.options.map((option) => option.shape.kind.value));
    expect(OPTIMIZER_KINDS).toContain('adamw');
    for (const optimizer of OPTIMIZER_KINDS) {
      const parsed = accepted({ optimizer });
      expect(parsed.ok && parsed.spec.training.optimizer.kind).toBe(optimizer);
    }
  });

  it('offers every cell, clip kind and BPTT mode, each accepted as the form builds it', () => {
    for (const cell of CELL_NAMES) expect(accepted({ cell }).ok, cell).toBe(true);
    for (const clip of CLIP_KINDS) {
      const parsed = accepted({ clip, clipMax: 2 });
      expect(parsed.ok && parsed.spec.training.clip, clip).toEqual(clip === 'none' ? { kind: 'none' } : { kind: clip, max: 2 });
    }
    for (const bptt of BPTT_MODES) {
      const parsed = accepted({ bptt, bpttK1: 5, bpttK2: 10 });
      expect(parsed.ok && parsed.spec.training.bptt, bptt).toEqual(bptt === 'full' ? { mode: 'full' } : { mode: 'truncated', k1: 5, k2: 10 });
    }
  });

  it('bounds each number field by the limit the schema enforces: its max is accepted, one more is refused by that field', () => {
    const cases: { field: keyof typeof RUN_FORM_LIMITS; path: string; target?: typeof SEQ2SEQ; integer: boolean }[] = [
      { field: 'hiddenSize', path: 'model.hiddenSize', integer: true },
      { field: 'numLayers', path: 'model.numLayers', integer: true },
      { field: 'attentionSize', path: 'model.attention.size', target: SEQ2SEQ, integer: true },
      { field: 'decoderHiddenSize', path: 'model.decoder.hiddenSize', target: SEQ2SEQ, integer: true },
      { field: 'steps', path: 'training.steps', integer: true },
      { field: 'batchSize', path: 'training.batchSize', integer: true },
      { field: 'learningRate', path: 'training.learningRate', integer: false },
      { field: 'threads', path: 'training.threads', integer: true },
      { field: 'seed', path: 'seed', integer: true },
    ];
    for (const { field, path, target, integer } of cases) {
      const { max } = RUN_FORM_LIMITS[field];
      expect(issuesOf({ [field]: max }, target), field).toEqual([]);
      expect(issuesOf({ [field]: integer ? max + 1 : max * 1.01 }, target), field).toContain(path);
    }
    for (const field of ['bpttK1', 'bpttK2'] as const) {
      const { max, min } = RUN_FORM_LIMITS[field];
      expect(issuesOf({ bptt: 'truncated', bpttK1: max, bpttK2: max })).toEqual([]);
      expect(issuesOf({ bptt: 'truncated', bpttK1: min, bpttK2: min, [field]: max + 1 })).toContain(`training.bptt.${field === 'bpttK1' ? 'k1' : 'k2'}`);
    }
    // the lower bounds: 1 where the field is a size, 0 where the form reads 0 as "none" / "same"
    expect(issuesOf({ hiddenSize: RUN_FORM_LIMITS.hiddenSize.min - 1 })).toContain('model.hiddenSize');
    expect(issuesOf({ numLayers: RUN_FORM_LIMITS.numLayers.min - 1 })).toContain('model.numLayers');
    expect(issuesOf({ attentionSize: RUN_FORM_LIMITS.attentionSize.min, decoderHiddenSize: RUN_FORM_LIMITS.decoderHiddenSize.min }, SEQ2SEQ)).toEqual([]);
  });
});
