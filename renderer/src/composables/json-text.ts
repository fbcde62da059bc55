// Text from a JSON editor parsed, or refused with where it breaks: line and column (1-based) of the offending
// character, from the engine's "at position N" (the end of the text when the engine names no position).
export type JsonText =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

/** 1-based line and column of a 0-based character offset. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (caught) {
    const raw = caught instanceof Error ? caught.message : String(caught);
    const position = /at position (\d+)/.exec(raw);
    const { line, column } = lineColumn(text, position?.[1] === undefined ? text.length : Number(position[1]));
    const reason = raw
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/,?\s*(in JSON )?at position \d+/, '')
      .replace(/ in JSON$/, '');
    return { ok: false, message: `${reason} at line ${line}, column ${column}`, line, column };
  }
}
