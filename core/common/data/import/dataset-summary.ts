// One line that says what a registered dataset holds, from the stats its import stored (see seriesStats,
// textStats, pairsStats, labelledStats): sizes, columns or vocabularies, classes and the split.
type Stats = Readonly<Record<string, unknown>>;

const count = (n: unknown): string => (typeof n === 'number' ? n.toLocaleString('en-US') : '?');
const plural = (n: unknown, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;

function split(stats: Stats): string | null {
  const s = stats.split as Stats | undefined;
  return s === undefined ? null : `split ${count(s.train)}/${count(s.validation)}/${count(s.test)}`;
}

function parts(...items: (string | null)[]): string {
  return items.filter((i): i is string => i !== null).join(' · ');
}

/** E.g. "300 rows · inputs temp, load → load · split 240/30/30"; stats of an unknown shape give what they can. */
export function summariseDataset(kind: string, rawStats: unknown): string {
  const stats: Stats = typeof rawStats === 'object' && rawStats !== null ? (rawStats as Stats) : {};
  switch (kind) {
    case 'series': {
      const inputs = Array.isArray(stats.inputs) ? stats.inputs.join(', ') : '?';
      return parts(plural(stats.rows, 'row', 'rows'), `inputs ${inputs} → ${String(stats.target ?? '?')}`, split(stats));
    }
    case 'text': {
      const [one, many] = stats.level === 'word' ? ['word', 'words'] : ['character', 'characters'];
      return parts(plural(stats.tokens, one, many), `vocabulary ${count(stats.vocabularySize)}`);
    }
    case 'pairs': {
      const side = (s: unknown): unknown => (typeof s === 'object' && s !== null ? (s as Stats).vocabularySize : undefined);
      return parts(plural(stats.examples, 'pair', 'pairs'), `vocabularies ${count(side(stats.source))} → ${count(side(stats.target))}`, split(stats));
    }
    case 'labelled': {
      const classes = Array.isArray(stats.classBalance) ? stats.classBalance.length : undefined;
      const elements = stats.elements === 'numbers' ? 'numbers' : 'tokens';
      return parts(`${plural(stats.examples, 'sequence', 'sequences')} of ${elements}`, plural(classes, 'class', 'classes'), split(stats));
    }
    default:
      return kind;
  }
}
