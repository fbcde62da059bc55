// Every example spec shipped in resources/examples is a valid, complete experiment spec.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSpecIssues, parseExperimentSpec } from '../../core/common/spec/experiment-spec';

const DIR = resolve(import.meta.dirname, '../../resources/examples');

describe('resources/examples', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('ships the classic set-ups', () => {
    expect(files).toEqual(expect.arrayContaining(['adding-irnn.json', 'charlm-lstm.json', 'reverse-attention.json', 'waveform-generation-gru.json']));
  });

  for (const file of files) {
    it(`${file} parses and validates`, () => {
      const result = parseExperimentSpec(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
      if (!result.ok) throw new Error(`${file}:\n${formatSpecIssues(result.issues)}`);
      expect(result.spec.name).toBeTruthy();
    });
  }
});
