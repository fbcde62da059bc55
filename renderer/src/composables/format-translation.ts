// Display formatting for the translation playground: the encoder in one line, the source vocabulary hint,
// whether a translation finished, source tokens read as <unk>, and the size of its attention map.

import type { ModelInfo, Translation } from '../../../core/common/api/entities';
import { CELL_LABELS } from '../../../core/common/nn/cell-names';
import { SPECIAL_TOKENS } from '../../../core/common/data/vocabulary';
import { describeUnknownTokens } from '../../../core/common/generate/unknown-tokens';

/** E.g. "GRU encoder, 1 layer × 12 · task reverse-string". */
export function encoderSummary(info: ModelInfo): string {
  const layers = info.numLayers === 1 ? '1 layer' : `${info.numLayers} layers`;
  return `${CELL_LABELS[info.cell]} encoder, ${layers} × ${info.hiddenSize}${info.bidirectional ? ', bidirectional' : ''} · task ${info.task.id}`;
}

/** A token as the hint shows it: a space as ␣, so it can be told apart. */
const visible = (token: string) => (token === ' ' ? '␣' : token);

/**
 * What the source may contain, e.g. "Source vocabulary (10 characters): a b c …"; says when only the first
 * tokens are listed (describe sends at most 200). Null for number-feature sources or an empty list.
 */
export function vocabularyHint(info: ModelInfo): string | null {
  const { input } = info;
  if (input.kind !== 'tokens' || input.symbols.length === 0) return null;
  const words = input.tokenization === 'words';
  // input.size counts every id, the reserved <pad> <bos> <eos> <unk> included
  const total = Math.max(input.symbols.length, input.size - SPECIAL_TOKENS.length);
  const listed = input.symbols.length < total ? `, the first ${input.symbols.length} listed` : '';
  return `Source vocabulary (${total} ${words ? 'words' : 'characters'}${listed}): ${input.symbols.map(visible).join(words ? ', ' : ' ')}`;
}

/** Whether the decoder ended the output itself (wrote <eos>) or was cut at the maximum length. */
export function translationStatus(translation: Translation): string {
  const written = translation.tokens.filter((t) => t !== '<eos>').length;
  const count = written === 1 ? '1 token' : `${written} tokens`;
  return translation.finished ? `Finished: wrote <eos> after ${count}` : `Not finished: reached the maximum length (${count}) before <eos>`;
}

/** A note naming the source tokens the model's vocabulary lacks (it reads them as <unk>), else null. */
export function unknownSourceNote(translation: Translation): string | null {
  const note = describeUnknownTokens(translation.unknown);
  return note === null ? null : `${note} The output is unlikely to mean much.`;
}

/**
 * CSS size of an attention map of `rows` written tokens over `columns` source tokens: about 18 px a row and
 * 36 px a column plus room for the axes and the colour scale, never smaller than a readable 160 × 240.
 */
export function attentionMapSize(rows: number, columns: number): { width: string; height: string } {
  return { width: `${Math.max(240, 140 + columns * 36)}px`, height: `${Math.max(160, 64 + rows * 18)}px` };
}
