// Locates the shared reference fixtures: `../shared/fixtures/torch` next to the repository
// (as on CI, where shared/ sits beside the clone). A missing folder fails the tests, not skips them.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root: this file is tests/core/common/nn/shared-fixtures.ts. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FIXTURE_DIR = fileURLToPath(new URL('../shared/fixtures/torch/', new URL('../../../../', import.meta.url)));

/** Absolute paths of every *.json fixture, sorted. */
export function fixtureFiles(): string[] {
  const names = readdirSync(FIXTURE_DIR).filter((n) => n.endsWith('.json')).sort();
  if (names.length === 0) throw new Error(`no fixtures in ${FIXTURE_DIR}`);
  return names.map((n) => FIXTURE_DIR + n);
}

export function readFixtureText(path: string): string {
  return readFileSync(path, 'utf8');
}
