// `npm start`: builds and opens the desktop app. Electron downloads its binary on first run; where that
// cannot happen (offline machines), say so in one sentence and point to `npm run serve` instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

if (!electronBinary()) {
  console.log('Fetching the Electron binary (first run)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
}
if (!electronBinary()) {
  console.error(
    "SeqLab's desktop window needs Electron's binary, which could not be downloaded on this machine (no access to its download server).\n" +
      'Run `npm run serve` instead: it serves the same app to your browser on http://127.0.0.1.',
  );
  process.exit(1);
}
const child = spawn(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'preview', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
