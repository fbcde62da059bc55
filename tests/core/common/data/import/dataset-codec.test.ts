// Inference with a dataset's stored encoder: new inputs encode exactly as the Task's examples did, and
// outputs decode back to the file's units, labels and text.
import { describe, expect, it } from 'vitest';
import { datasetCodec, datasetCodecJson, datasetCodecJsonSchema, describeDatasetCodec } from '../../../../../core/common/data/import/dataset-codec';
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
    const t0 = Math.round(codec.decodeTarget([e.target.values[0]!])[0]! + 7) / 3 - 4;
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
    const { task, output } = taskFromText('label,sequence\n' + Array.from({ length: 20 }, (_, i) => `${i % 2 ? 'odd' : 'even'},${i} ${i + 1}`).join('\n'), {
      kind: 'labelled',
    });
    const codec = datasetCodec(output.encoder);
    if (codec.kind !== 'labelled') throw new Error('labelled codec expected');
    const e = task.sample(new Rng(3), 'train');
    if (e.kind !== 'sequence' || e.input.kind !== 'dense' || e.target.kind !== 'sequence-class') throw new Error('wrong kind');
    const z = output.encoder.kind === 'labelled' ? output.encoder.normaliser : null;
    const first = Math.round(e.input.x[0]! * (z?.std ?? 1) + (z?.mean ?? 0));
    expect(Array.from(codec.encodeSequence(`${first} ${first + 1}`))).toEqual(Array.from(e.input.x));
    expect(codec.decodeClass(e.target.id)).toBe(first % 2 ? 'odd' : 'even');

    const pairs = taskFromText(
      Array.from({ length: 5 }, (_, i) => JSON.stringify({ source: `a${i}`, target: `b${i}` })).join('\n'),
      { kind: 'pairs' },
      'p.jsonl',
    );
    const pc = datasetCodec(pairs.output.encoder);
    if (pc.kind !== 'pairs') throw new Error('pairs codec expected');
    expect(pc.target.decodeText(pc.target.encode('b3'))).toBe('b3');
    expect(pc.source.decodeText(pc.encodeSource('a4'))).toBe('a4');
    expect(pc.decodeTarget(pc.target.encode('b1'))).toBe('b1');
  });

  it('the codec part of an encoder survives JSON (as exported models carry it) and encodes the same', () => {
    const csv = 'a,b\n' + Array.from({ length: 50 }, (_, t) => `${t},${100 + 2 * t}`).join('\n');
    const series = taskFromText(csv, { kind: 'series', columns: ['a', 'b'], target: 'b', window: 3 }).output.encoder;
    const json = datasetCodecJson(series);
    expect(Object.keys(json).sort()).toEqual(['inputs', 'kind', 'normaliser', 'target']);
    const back = datasetCodecJsonSchema.parse(JSON.parse(JSON.stringify(json)));
    const [direct, travelled] = [datasetCodec(series), datasetCodec(back)];
    if (direct.kind !== 'series' || travelled.kind !== 'series') throw new Error('series codecs expected');
    expect(
      Array.from(
        travelled.encodeRows([
          [1, 102],
          [2, 104],
        ]),
      ),
    ).toEqual(
      Array.from(
        direct.encodeRows([
          [1, 102],
          [2, 104],
        ]),
      ),
    );
    expect(travelled.decodeTarget([0, 1])).toEqual(direct.decodeTarget([0, 1]));
    // the training rows are the first 80% (t = 0 … 39): population std of 0 … 39 is √((40² − 1) / 12) ≈ 11.54
    expect(describeDatasetCodec(json)).toBe(
      "Values are in the dataset's units: inputs are z-scored with the training rows' statistics of a (mean 19.5, std 11.54), b (mean 139, std 23.09), and forecasts of b (mean 139, std 23.09) are scaled back.",
    );

    const text = taskFromText('Ab ab\r\nba\n'.repeat(30), { kind: 'text', lowercase: true, window: 4 }, 't.txt').output.encoder;
    const textJson = datasetCodecJsonSchema.parse(JSON.parse(JSON.stringify(datasetCodecJson(text))));
    const textCodec = datasetCodec(textJson);
    if (textCodec.kind !== 'text') throw new Error('text codec expected');
    expect(textCodec.decode(textCodec.encode('AB\r\nb'))).toBe('ab\nb');
    expect(Array.from(textCodec.encodeTokens(['A', 'b']))).toEqual(Array.from(textCodec.encode('ab')));
    expect(describeDatasetCodec(textJson)).toBe('Text is tokenised as the dataset was (characters, lower-cased) and mapped through its vocabulary.');
  });
});
