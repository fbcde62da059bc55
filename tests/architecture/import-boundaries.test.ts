// The import directions of docs/ARCHITECTURE.md are enforced by lint: a value import across a boundary fails,
// an `import type` may cross. Checked with ESLint's own API on the project's config.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('core/common may not import Node built-ins, Electron, core/node or the renderer', async () => {
    expect(await restrictedImports('core/common/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).toHaveLength(1);
    expect(await restrictedImports('core/common/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImports('core/common/x.ts', "import { openStore } from '../node/store/store';\nexport const o = openStore;\n")).toHaveLength(1);
    expect(await restrictedImports('core/common/x.ts', "import { ref } from 'vue';\nexport const r = ref;\n")).toHaveLength(1);
  });

  it('the renderer may not import core/node or Node built-ins, but may import types from anywhere', async () => {
    expect(
      await restrictedImports(
        'renderer/src/x.ts',
        "import { BackendService } from '../../core/node/backend/backend-service';\nexport const b = BackendService;\n",
      ),
    ).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', "import { join } from 'node:path';\nexport const j = join;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', "import type { Store } from '../../core/node/store/store';\nexport type S = Store;\n")).toEqual([]);
  });

  it('core/node may not import Electron; electron/ may import core', async () => {
    expect(await restrictedImports('core/node/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/main/x.ts', "import { openStore } from '../../core/node/store/store';\nexport const o = openStore;\n")).toEqual(
      [],
    );
  });
});
