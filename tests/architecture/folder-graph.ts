// The import graph between the top-level folders of a source tree (e.g. core/common: api, data, models,
// nn, train, …), built from every relative import of every .ts file: value and `import type`,
// re-exports and dynamic import(), resolved against the importing file. Files directly in the root
// count as a folder of their own name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** folder → folder it imports → the files that do (relative to the root). */
export type FolderGraph = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function topFolder(root: string, file: string): string | null {
  const rel = relative(root, file);
  if (rel.startsWith('..')) return null;
  const first = rel.split(sep)[0] ?? rel;
  return first.replace(/\.ts$/, '');
}

export function folderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(root)) {
    const from = topFolder(root, file);
    if (from === null) continue;
    // preProcessFile lists every module specifier: imports (type-only too), re-exports, import() and require.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const to = topFolder(root, resolve(dirname(file), specifier));
      if (to === null || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      const files = edges.get(to) ?? [];
      edges.set(to, files);
      const rel = relative(root, file).split(sep).join('/');
      if (!files.includes(rel)) files.push(rel);
    }
  }
  return graph;
}

/**
 * Every elementary cycle's first witness, as one path per strongly connected component with more than
 * one folder: the folders in order, back to the first (a → b → … → a).
 */
export function folderCycles(graph: FolderGraph): string[][] {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])])].sort();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  for (const start of nodes) {
    if (seen.has(start)) continue;
    // The shortest path from start back to itself (breadth-first), if any.
    const parent = new Map<string, string>();
    const queue = [start];
    let found = false;
    while (queue.length > 0 && !found) {
      const node = queue.shift() as string;
      for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
        if (next === start) {
          parent.set(start, node);
          found = true;
          break;
        }
        if (!parent.has(next)) {
          parent.set(next, node);
          queue.push(next);
        }
      }
    }
    if (!found) continue;
    const path = [start];
    for (let node = parent.get(start) as string; node !== start; node = parent.get(node) as string) path.unshift(node);
    path.unshift(start);
    path.forEach((n) => seen.add(n));
    cycles.push(path);
  }
  return cycles;
}

/** a → b → a, each arrow with the files that import across it. */
export function describeCycle(graph: FolderGraph, cycle: readonly string[]): string {
  const steps = cycle.slice(0, -1).map((from, i) => {
    const to = cycle[i + 1] as string;
    return `${from} → ${to} (${(graph.get(from)?.get(to) ?? []).join(', ')})`;
  });
  return steps.join('; ');
}
