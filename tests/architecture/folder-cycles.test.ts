// No import cycle between the top-level folders of core/common: each folder builds on the ones below it
// (nn → train → models → …; api on top), so a folder can be read, tested and changed without the ones
// above it. All imports count, `import type` included. On failure the test prints each cycle with the
// files that import across each arrow.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCycle, folderCycles, folderGraph } from './folder-graph';

const COMMON = resolve(import.meta.dirname, '../../core/common');

describe('the folders of core/common', () => {
  it('import each other without a cycle', () => {
    const graph = folderGraph(COMMON);
    expect(folderCycles(graph).map((c) => describeCycle(graph, c))).toEqual([]);
  });

  it('finds a cycle in a graph that has one, and names the files', () => {
    const graph = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['c', ['b/y.ts']]])],
      ['c', new Map([['a', ['c/z.ts']]])],
    ]);
    const cycles = folderCycles(graph);
    expect(cycles).toEqual([['a', 'b', 'c', 'a']]);
    expect(describeCycle(graph, cycles[0] ?? [])).toBe('a → b (a/x.ts); b → c (b/y.ts); c → a (c/z.ts)');
    expect(folderCycles(new Map([['a', new Map([['b', ['a/x.ts']]])]]))).toEqual([]);
  });
});
