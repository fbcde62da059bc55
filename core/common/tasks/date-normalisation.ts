// The date-normalisation seq2seq task: a date written in one of several human formats in, its ISO 8601
// form out ("27 Nov 2026" → "2026-11-27"). Character-level, one vocabulary for both sides.
import { Vocabulary } from '../data/vocabulary';
import type { Rng } from '../random/rng';
import { DATE_FORMATS, formatDate, isoDate, MONTHS, randomDate, WEEKDAYS } from './dates';
import { intParam } from './params';
import { naiveAnswerBaseline, textPairExample } from './seq2seq-text';
import { buildTask, defineTask, ENCODER_DECODER_CAUSALITY, orderedRange, type Task } from './task';

/** Every character any format can produce. */
export const DATE_VOCABULARY = Vocabulary.fromText(`0123456789 ,./-${MONTHS.join('')}${WEEKDAYS.join('')}`);

export const dateNormalisation = defineTask({
  id: 'date-normalisation',
  title: 'Normalise dates',
  description:
    'Read a date written in one of eight human formats ("27 Nov 2026", "November 27, 2026", "27/11/2026", "Friday, 27 November 2026", …) and write it as ISO 8601 ("2026-11-27"). ' +
    'The network must recognise the format, map month names to numbers and reorder the fields. ' +
    'A popular first exercise for the attention of Bahdanau, Cho & Bengio (2015), "Neural Machine Translation by Jointly Learning to Align and Translate" (e.g. the date-translation assignment of deeplearning.ai\'s Sequence Models course); the formats are chosen so that no input is ambiguous.',
  shape: 'seq2seq',
  causality: ENCODER_DECODER_CAUSALITY,
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'accuracy', 'sequence-accuracy'],
  params: {
    minYear: intParam({
      label: 'Earliest year',
      description: 'Dates are uniform over every day from 1 January of this year…',
      default: 1900,
      min: 1000,
      max: 9999,
    }),
    maxYear: intParam({ label: 'Latest year', description: '…to 31 December of this one.', default: 2099, min: 1000, max: 9999 }),
  },
  check: (p) => orderedRange('minYear', p.minYear, 'maxYear', p.maxYear),
  create(p): Task {
    const draw = (rng: Rng): { source: string; target: string } => {
      const date = randomDate(rng, p.minYear, p.maxYear);
      return { source: formatDate(date, rng.choice(DATE_FORMATS)), target: isoDate(date) };
    };
    const middle = isoDate({ year: Math.floor((p.minYear + p.maxYear) / 2), month: 6, day: 15 });
    return buildTask(dateNormalisation, p, {
      input: { kind: 'tokens', vocabulary: DATE_VOCABULARY },
      output: { kind: 'tokens', vocabulary: DATE_VOCABULARY },
      baseline: naiveAnswerBaseline(draw, () => middle, `Always answering ${middle}`),
      sample: (rng) => {
        const { source, target } = draw(rng);
        return textPairExample(DATE_VOCABULARY, source, target);
      },
    });
  },
});
