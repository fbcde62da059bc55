// The one sentence for input tokens a model's vocabulary lacks (read as <unk>), as the CLI and the playground
// say it: how many, and which.
import type { UnknownTokens } from '../api/entities';

/** Distinct unknown tokens named at most (the count covers every occurrence). */
export const MAX_NAMED_UNKNOWN = 50;

/** "2 input tokens are not in the model's vocabulary …: "é", "ü"."; null when every token was known. */
export function describeUnknownTokens(unknown: UnknownTokens): string | null {
  if (unknown.count === 0) return null;
  const one = unknown.count === 1;
  const named = unknown.tokens.map((t) => JSON.stringify(t)).join(', ');
  const more = unknown.tokens.length >= MAX_NAMED_UNKNOWN ? ', …' : '';
  return (
    `${unknown.count} input token${one ? ' is' : 's are'} not in the model's vocabulary and ${one ? 'was' : 'were'} read as <unk>, ` +
    `which the model may never have seen in training${named === '' ? '' : `: ${named}${more}`}.`
  );
}
