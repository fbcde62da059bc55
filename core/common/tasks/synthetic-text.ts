// A deterministic English-like corpus, so character-level language modelling works without any download:
// sentences from a small probabilistic grammar (subject, verb, object, optional phrases, dialogue),
// grouped into paragraphs. Same seed and length, same text.
import { Rng } from '../random/rng';

const NAMES = ['Alice', 'Tom', 'Mara', 'the old captain', 'the miller', 'Rosa', 'the king', 'Ned'];
const DETERMINERS = ['the', 'a', 'this', 'that', 'every', 'one'];
const ADJECTIVES = ['small', 'old', 'quiet', 'bright', 'heavy', 'green', 'broken', 'strange', 'warm', 'narrow', 'silver', 'patient'];
const NOUNS = ['river', 'house', 'lamp', 'garden', 'horse', 'letter', 'window', 'road', 'bird', 'boat', 'stone', 'door', 'field', 'song', 'bridge', 'clock'];
const VERBS = ['found', 'carried', 'watched', 'opened', 'followed', 'remembered', 'painted', 'crossed', 'heard', 'mended', 'lost', 'kept'];
const INTRANSITIVE = ['waited', 'laughed', 'slept', 'listened', 'wandered', 'sang', 'rested', 'hurried'];
const ADVERBS = ['slowly', 'again', 'quietly', 'at last', 'once more', 'without a word', 'before dawn', 'in the rain'];
const PREPOSITIONS = ['near', 'under', 'behind', 'beside', 'across', 'beyond', 'towards'];
const SAID = ['said', 'asked', 'whispered', 'replied', 'called'];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return rng.choice(items);
}

function nounPhrase(rng: Rng): string {
  if (rng.next() < 0.2) return pick(rng, NAMES);
  const words = [rng.next() < 0.5 ? pick(rng, ADJECTIVES) : '', pick(rng, NOUNS)].filter((w) => w !== '').join(' ');
  const determiner = pick(rng, DETERMINERS);
  return `${determiner === 'a' && /^[aeiou]/.test(words) ? 'an' : determiner} ${words}`;
}

function clause(rng: Rng): string {
  const subject = nounPhrase(rng);
  if (rng.next() < 0.3) return `${subject} ${pick(rng, INTRANSITIVE)} ${pick(rng, ADVERBS)}`;
  const phrase = rng.next() < 0.4 ? ` ${pick(rng, PREPOSITIONS)} ${nounPhrase(rng)}` : '';
  return `${subject} ${pick(rng, VERBS)} ${nounPhrase(rng)}${phrase}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(rng: Rng): string {
  const r = rng.next();
  if (r < 0.15) return `"${capitalise(clause(rng))}," ${pick(rng, SAID)} ${pick(rng, NAMES)}.`;
  if (r < 0.25) return `${capitalise(`did ${nounPhrase(rng)} see ${nounPhrase(rng)}`)}?`;
  if (r < 0.5) return `${capitalise(clause(rng))}, and ${clause(rng)}.`;
  return `${capitalise(clause(rng))}.`;
}

/** `length` characters of paragraphs (3–7 sentences each, separated by a blank line). */
export function syntheticText(seed: number, length: number): string {
  if (!Number.isInteger(length) || length < 0) throw new Error(`syntheticText: length must be a non-negative integer, got ${length}`);
  const rng = new Rng(seed);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < length) {
    const sentences = Array.from({ length: 3 + rng.int(5) }, () => sentence(rng));
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, length);
}
