// Inference with a dataset's stored encoder: new inputs encode exactly as the Task's examples did, and
// outputs decode back to the file's units, labels and text.
import { describe, expect, it } from 'vitest';
import { datasetCodec } from '../../../../../core/common/data/import/dataset-codec';
import { Rng } from '../../../../../core/common/random/rng';
import { taskFromText } from './run-plan';

describe('datasetCodec', () => {
  it('series: raw rows encode to the Task input, and target outputs decode to the file units', () => {
    const csv = 'x,y\n' + Array.from({ length: 100 }, (_, t) => `${t},${3 * t - 7}`).join('\n');
    const { task, output } = taskFromText(csv, { kind: 'series', columns: ['x', 'y'], target: 'y', window: 4, horizon: 2 });
    const codec = datasetCodec(output.encoder);
    if (codec.kind !== 'series') throw new Error('series codec expected');
    const e = task.sample(new Rng(1), 'test');
    if (e.kind !== 'sequence' || e.input.kind !== 'dense' || e.target.kind !== 'sequence-values') throw new Error('wrong kind');
    const t0 = Math.round(codec.decodeTarget([e.target.values[0]])[0] + 7) / 3 - 4;
    const rows = Array.from({ length: 4 }, (_, k) => [t0 + k, 3 * (t0 + k) - 7]);
    expect(Array.from(codec.encodeRows(rows))).toEqual(Array.from(e.input.x));
    expect(codec.decodeTarget(e.target.values).map((v) => Math.round(v * 1e3) / 1e3)).toEqual([3 * (t0 + 4) - 7, 3 * (t0 + 5) - 7]);
  });

  it('text: encodes with the import tokenisation (CRLF read as \\n, lower-casing) and decodes back', () => {
    const { output } = taskFromText('Ab ab\r\nba\n'.repeat(30), { kind: 'text', lowercase: true, window: 4 }, 't.txt');
    const codec = datasetCodec(output.encoder);
    if (codec.kind !== 'text') throw new Error('text codec expected');
    expect(codec.decode(codec.encode('AB\r\nb'))).toBe('ab\nb');
    expect(codec.decode(codec.encode('abz'))).toBe('ab<unk>');
  });

  it('labelled and pairs: sequences encode as in training; class ids and target ids decode', () => {
    const { task, output } = taskFromText('label,sequence\n' + Array.from({ length: 20 }, (_, i) => `${i % 2 ? 'odd' : 'even'},${i} ${i + 1}`).join('\n'), { kind: 'labelled' });
    const codec = datasetCodec(output.encoder);
    if (codec.kind !== 'labelled') throw new Error('labelled codec expected');
    const e = task.sample(new Rng(3), 'train');
    if (e.kind !== 'sequence' || e.input.kind !== 'dense' || e.target.kind !== 'sequence-class') throw new Error('wrong kind');
    const z = output.encoder.kind === 'labelled' ? output.encoder.normaliser : null;
    const first = Math.round(e.input.x[0] * (z?.std ?? 1) + (z?.mean ?? 0));
    expect(Array.from(codec.encodeSequence(`${first} ${first + 1}`))).toEqual(Array.from(e.input.x));
    expect(codec.decodeClass(e.target.id)).toBe(first % 2 ? 'odd' : 'even');

    const pairs = taskFromText(Array.from({ length: 5 }, (_, i) => JSON.stringify({ source: `a${i}`, target: `b${i}` })).join('\n'), { kind: 'pairs' }, 'p.jsonl');
    const pc = datasetCodec(pairs.output.encoder);
    if (pc.kind !== 'pairs') throw new Error('pairs codec expected');
    expect(pc.target.decodeText(pc.target.encode('b3'))).toBe('b3');
    expect(pc.source.decodeText(pc.encodeSource('a4'))).toBe('a4');
    expect(pc.decodeTarget(pc.target.encode('b1'))).toBe('b1');
  });
});
