// Presets: the shipped examples load with their names; a malformed one is reported by its path; no folder, no presets.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPresets } from '../../../../core/node/backend/presets';

describe('loadPresets', () => {
  it('offers every shipped example by file name, with its name and spec', () => {
    const presets = loadPresets(resolve(import.meta.dirname, '../../../../resources/examples'));
    expect(presets.map((p) => p.id)).toEqual(expect.arrayContaining(['adding-irnn', 'charlm-lstm', 'reverse-attention', 'waveform-generation-gru']));
    expect(presets.find((p) => p.id === 'reverse-attention')).toMatchObject({
      name: expect.stringContaining('attention'),
      spec: { model: { kind: 'seq2seq' } },
    });
    // the spec as its file writes it, typed: no default filled in (the JSON editor shows what the preset says)
    const written = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../resources/examples/reverse-attention.json'), 'utf8'));
    expect(presets.find((p) => p.id === 'reverse-attention')?.spec).toEqual(written);
  });

  it('names the file and field of a broken example, and has none without a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-presets-'));
    try {
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ task: { id: 'adding-problem' }, model: { hiddenSize: -1 } }));
      expect(() => loadPresets(dir)).toThrow(/bad\.json is not valid:\n {2}model\.hiddenSize: hiddenSize must be at least 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(loadPresets(join(dir, 'missing'))).toEqual([]);
  });
});
