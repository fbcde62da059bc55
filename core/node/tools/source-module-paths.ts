// Running core/node from its TypeScript sources under plain Node (tsx), outside electron-vite and vitest: electron-vite
// turns `import entry from './x-worker?modulePath'` into the bundled entry's path (and vitest's plugin into the .ts
// source's); this loader hook does the latter, so a worker entry resolves to a module default-exporting its .ts path.
// For child processes of the tests and for benchmarks; call it before importing anything that starts workers.
import { register } from 'node:module';

const HOOKS = `
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?modulePath')) return next(specifier, context);
  const source = fileURLToPath(new URL(specifier.slice(0, -'?modulePath'.length), context.parentURL));
  const path = source.endsWith('.ts') ? source : source + '.ts';
  return { url: 'data:text/javascript,export default ' + encodeURIComponent(JSON.stringify(path)), shortCircuit: true };
}`;

export function registerSourceModulePaths(): void {
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
}
