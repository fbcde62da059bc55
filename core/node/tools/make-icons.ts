// Writes SeqLab's app icons into resources/ (electron-builder's buildResources): icon.png and icons/<n>x<n>.png for
// Linux, icon.ico for Windows, icon.icns for macOS. Run after changing the mark: `npm run icons`; a test keeps the
// committed files equal to what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { iconFiles } from './icon-files';

const RESOURCES = resolve(import.meta.dirname, '../../../resources');

for (const [path, bytes] of iconFiles()) {
  const target = join(RESOURCES, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  console.log(`${target} (${bytes.length} bytes)`);
}
