// What a model reads and writes for a task's encodings: its input (dense features, or tokens of a
// vocabulary, classes included) and the width of its output. Every model kind and the resource
// estimate size themselves by these.
import type { Encoding } from './task';

/** A model's input: F features per step, or token ids in 0..vocab − 1. */
export type ModelInput = { readonly kind: 'dense'; readonly features: number } | { readonly kind: 'tokens'; readonly vocab: number };

export function modelInput(encoding: Encoding): ModelInput {
  switch (encoding.kind) {
    case 'dense':
      return { kind: 'dense', features: encoding.features };
    case 'classes':
      return { kind: 'tokens', vocab: encoding.labels.length };
    case 'tokens':
      return { kind: 'tokens', vocab: encoding.vocabulary.size };
  }
}

/** Values per output step: the features, the classes, or the vocabulary size. */
export function outputWidth(encoding: Encoding): number {
  return encoding.kind === 'dense' ? encoding.features : encoding.kind === 'classes' ? encoding.labels.length : encoding.vocabulary.size;
}
