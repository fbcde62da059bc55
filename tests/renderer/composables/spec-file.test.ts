// A run's spec as a file: JSON that parses back to the same spec, a descriptive safe file name, a data URL.
import { describe, expect, it } from 'vitest';
import { specDataUrl, specFileName, specJson } from '../../../renderer/src/composables/spec-file';

describe('spec files', () => {
  const spec = { version: 1, seed: 3, task: { id: 'reverse-string', params: { alphabet: 10 } }, model: { kind: 'seq2seq', attention: null } };

  it('writes JSON that reads back to the same spec', () => {
    const json = specJson(spec);
    expect(JSON.parse(json)).toEqual(spec);
    expect(json.endsWith('}\n')).toBe(true);
    expect(decodeURIComponent(specDataUrl(json).replace('data:application/json;charset=utf-8,', ''))).toBe(json);
  });

  it('names the file after the run, safely', () => {
    expect(specFileName(12, 'gru on adding-problem')).toBe('run-12-gru-on-adding-problem.spec.json');
    expect(specFileName(3, 'Réversal: GRU ×2 / attention!')).toBe('run-3-reversal-gru-2-attention.spec.json');
    expect(specFileName(4, '***')).toBe('run-4.spec.json');
    expect(specFileName(5, 'x'.repeat(100))).toBe(`run-5-${'x'.repeat(60)}.spec.json`);
  });
});
