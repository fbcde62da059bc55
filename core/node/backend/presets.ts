// The example specs shipped in resources/examples, offered as presets; each is validated on load so a
// broken file is reported by name instead of reaching a run.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Preset } from '../../common/api/entities';
import { formatSpecIssues, parseExperimentSpec } from '../../common/spec/experiment-spec';

export function loadPresets(examplesDir: string): Preset[] {
  let files: string[];
  try {
    files = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const path = join(examplesDir, file);
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const parsed = parseExperimentSpec(raw);
    if (!parsed.ok) throw new Error(`Example spec ${path} is not valid:\n${formatSpecIssues(parsed.issues)}`);
    return { id: basename(file, '.json'), name: parsed.spec.name ?? basename(file, '.json'), spec: raw as Record<string, unknown> };
  });
}
