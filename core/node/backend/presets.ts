// The example specs shipped in resources/examples, offered as presets. Each one's fields are checked on
// load (schema only: building its task, e.g. generating a corpus, is the spec worker's job when a run is
// created), so a broken file is reported by name; tests/resources/examples.test.ts validates them fully.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { specAsWrittenSchema, type Preset } from '../../common/api/entities';
import { formatSpecIssues, parseSpecFields } from '../../common/spec/experiment-spec';

export function loadPresets(examplesDir: string): Preset[] {
  let files: string[];
  try {
    files = readdirSync(examplesDir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const path = join(examplesDir, file);
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const parsed = parseSpecFields(raw);
    if (!parsed.ok) throw new Error(`Example spec ${path} is not valid:\n${formatSpecIssues(parsed.issues)}`);
    // the file as written (not parsed.spec with every default filled in), typed by the same check
    return { id: basename(file, '.json'), name: parsed.spec.name ?? basename(file, '.json'), spec: specAsWrittenSchema.parse(raw) };
  });
}
