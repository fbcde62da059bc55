// What the dataset loader read, by import kind: the data a dataset task (tasks/dataset-task.ts) is built on.
import type { LabelledData } from './labelled-import';
import type { PairsData } from './pairs-import';
import type { SeriesData } from './series-import';

/** What the loader read, by kind. */
export type DatasetData =
  | { readonly kind: 'series'; readonly series: SeriesData }
  | { readonly kind: 'text'; readonly ids: Int32Array }
  | { readonly kind: 'pairs'; readonly pairs: PairsData }
  | { readonly kind: 'labelled'; readonly labelled: LabelledData };
