// What an evaluation on held-out batches reports, for every model kind: the loss and accuracies each
// kind measures, and the numbers a task declares on top of them (perplexity, bits per character).
// Kinds fill what they can measure and leave the rest null.

/** The held-out examples whose source has `length` tokens (encoder–decoder evaluation). */
export interface LengthAccuracy {
  readonly length: number;
  readonly sequences: number;
  /** Fraction of them greedy decoding gets exactly right, EOS included. */
  readonly sequenceAccuracy: number;
  /** Teacher-forced token accuracy over their target tokens (EOS included). */
  readonly tokenAccuracy: number;
}

/** The loss and accuracies of held-out batches, without dropout or gradients. */
export interface EvalStats {
  readonly loss: number;
  readonly accuracy: number | null;
  /** For per-step class targets and seq2seq: fraction of sequences entirely right; null otherwise. */
  readonly sequenceAccuracy: number | null;
  /** For targets with allowed classes (grammars): fraction of sequences predicting a legal symbol at every step. */
  readonly legalNextAccuracy: number | null;
  /** What the loss is averaged over (valid targets, or sequences for seq2seq). */
  readonly weight: number;
}

/** An evaluation as a run logs it: the kind's numbers and those the task declares on top of them. */
export interface SessionEvaluation extends EvalStats {
  /** exp(mean cross-entropy), for tasks declaring perplexity (language models); else null. */
  readonly perplexity: number | null;
  /** Mean cross-entropy / ln 2, for tasks declaring bits-per-char (character-level language models); else null. */
  readonly bitsPerChar: number | null;
  /** Seq2seq: accuracy of the held-out examples of each source length, shortest first; else null. */
  readonly byLength: readonly LengthAccuracy[] | null;
}
