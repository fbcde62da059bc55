// A run's stored spec as a file a person keeps or shares: pretty JSON (what `seqlab train SPEC.json`, the New
// run form's JSON editor and presets read back) and a file name that says which run it came from.

/** Two-space JSON with a final newline. */
export function specJson(spec: unknown): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** e.g. `run-12-gru-on-adding-problem.spec.json`: lower case, runs of anything else as one dash, at most 60 characters of name. */
export function specFileName(runId: number, name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents, split off by NFKD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `run-${runId}${slug === '' ? '' : `-${slug}`}.spec.json`;
}

/** A `data:` URL of the JSON, for a download link (no object URL to revoke). */
export function specDataUrl(json: string): string {
  return `data:application/json;charset=utf-8,${encodeURIComponent(json)}`;
}
