#!/usr/bin/env node
// The `seqlab` command (package.json "bin"): runs the built CLI, out/main/cli.js. The CLI is built with
// the app because its training workers are bundled entries (`npm run build` makes both).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`seqlab: the command-line tool is not built yet (${cli} is missing).\nRun \`npm run build\` in ${root} first, then try again.\n`);
  process.exit(2);
}
await import(pathToFileURL(cli).href);
