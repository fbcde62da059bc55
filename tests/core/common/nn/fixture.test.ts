// Fixture parsing: every shared file parses; malformed text gives a result naming file and key.

import { describe, expect, it } from 'vitest';
import { parseFixture, recurrentParamShapes } from '../../../../core/common/nn/fixture';
import { fixtureFiles, readFixtureText } from '../../../fixtures/torch-fixtures';

const LSTM_FILE = fixtureFiles().find((f) => f.endsWith('lstm_I2_H3_L2_bi_T5_B4_var.json'))!;

describe('parseFixture', () => {
  it('reads every shared fixture: recurrent layers and additive attention', () => {
    const kinds = fixtureFiles().map((f) => {
      const r = parseFixture(readFixtureText(f), f);
      if (!r.ok) throw new Error(r.message);
      return r.kind;
    });
    expect(kinds.filter((k) => k === 'recurrent').length).toBe(21);
    expect(kinds.filter((k) => k === 'attention').length).toBe(2);
  });

  it('flattens nested arrays row-major and keeps lengths and PyTorch parameter order', () => {
    const r = parseFixture(readFixtureText(LSTM_FILE), 'f.json');
    if (!r.ok || r.kind !== 'recurrent') throw new Error('expected a recurrent fixture');
    const f = r.fixture;
    const json = JSON.parse(readFixtureText(LSTM_FILE));
    expect(f.x.shape).toEqual([5, 4, 2]);
    expect(f.x.data[1 * 4 * 2 + 2 * 2 + 1]).toBe(json.x[1][2][1]);
    expect(f.lengths).toEqual(json.lengths);
    expect([...f.params.keys()]).toEqual(Object.keys(json.params));
    expect(recurrentParamShapes('lstm', 2, 3, 2, true).map(([n]) => n)).toEqual(Object.keys(json.params));
  });

  it('names the file and key of malformed input', () => {
    const json = JSON.parse(readFixtureText(LSTM_FILE));
    const bad = (mutate: (j: typeof json) => void): ReturnType<typeof parseFixture> => {
      const j = structuredClone(json);
      mutate(j);
      return parseFixture(JSON.stringify(j), 'bad.json');
    };
    expect(parseFixture('{"cell": ', 'broken.json')).toMatchObject({
      ok: false,
      code: 'bad-json',
      message: expect.stringMatching(/^broken.json: not valid JSON/),
    });
    expect(bad((j) => delete j.grad.c0)).toMatchObject({ ok: false, code: 'missing-key', key: 'grad.c0', message: 'bad.json: key "grad.c0": missing' });
    expect(bad((j) => delete j.h_n)).toMatchObject({ ok: false, code: 'missing-key', key: 'h_n' });
    const shape = bad((j) => j.x[3][1].push(0.5));
    expect(shape).toMatchObject({ ok: false, code: 'bad-shape', key: 'x' });
    expect(!shape.ok && shape.message).toContain('expected shape [5, 4, 2]: [3][1] must be an array of 2, got an array of 3');
    expect(bad((j) => (j.params.weight_hh_l1[0][0] = 'a'))).toMatchObject({ ok: false, code: 'bad-value', key: 'params.weight_hh_l1' });
    expect(bad((j) => (j.cell = 'transformer'))).toMatchObject({ ok: false, code: 'bad-value', key: 'cell' });
    expect(bad((j) => (j.lengths[0] = 9))).toMatchObject({ ok: false, key: 'lengths[0]' });
    expect(bad((j) => (j.params.extra = [1]))).toMatchObject({ ok: false, key: 'params.extra' });
  });

  it('reads an attention fixture and names the key of a malformed one', () => {
    const file = fixtureFiles().find((f) => f.endsWith('additive_attention_Hq4_He3_A5_S6_B3.json'))!;
    const json = JSON.parse(readFixtureText(file));
    const r = parseFixture(readFixtureText(file), 'a.json');
    if (!r.ok || r.kind !== 'attention') throw new Error('expected an attention fixture');
    const f = r.fixture;
    expect([f.querySize, f.encSize, f.attnSize, f.srcLen, f.batch]).toEqual([4, 3, 5, 6, 3]);
    expect(f.lengths).toEqual(json.lengths);
    expect([...f.params.keys()]).toEqual(['W_q', 'W_k', 'b', 'v']);
    expect([...f.grad.keys()]).toEqual(['W_q', 'W_k', 'b', 'v', 'q', 'enc']);
    expect(f.enc.data[(2 * 3 + 1) * 3 + 2]).toBe(json.enc[2][1][2]);
    const bad = (mutate: (j: typeof json) => void): ReturnType<typeof parseFixture> => {
      const j = structuredClone(json);
      mutate(j);
      return parseFixture(JSON.stringify(j), 'bad.json');
    };
    expect(bad((j) => delete j.grad.enc)).toMatchObject({ ok: false, code: 'missing-key', key: 'grad.enc' });
    expect(bad((j) => j.alpha.pop())).toMatchObject({ ok: false, code: 'bad-shape', key: 'alpha' });
    expect(bad((j) => (j.lengths[0] = 0))).toMatchObject({ ok: false, code: 'bad-value', key: 'lengths[0]' });
    expect(bad((j) => (j.params.W_o = [1]))).toMatchObject({ ok: false, key: 'params.W_o' });
  });
});
