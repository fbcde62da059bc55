// electron-builder.yml, read and judged by the installed electron-builder itself (its config loader parses
// the YAML, its schema validates it, its file matchers decide what is packed and unpacked): the security
// fuses, the asar, what is unpacked from it (native binaries only) and which files ship.
import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

// app-builder-lib is electron-builder's own implementation; resolved from electron-builder, which depends on it.
const builderRequire = createRequire(
  createRequire(import.meta.url).resolve('app-builder-lib/package.json', { paths: [resolve(ROOT, 'node_modules/electron-builder')] }),
);
type FileFilter = (file: string, stat: Pick<Stats, 'isDirectory'>) => boolean;
const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null, packageMetadata: unknown): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { getFileMatchers } = builderRequire('./out/fileMatcher.js') as {
  getFileMatchers(config: Configuration, name: 'files' | 'asarUnpack', destination: string, options: object): { createFilter(): FileFilter }[] | null;
};
const { Lazy } = builderRequire('lazy-val') as { Lazy: new <T>(compute: () => Promise<T>) => unknown };
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, 'electron-builder.yml', null, new Lazy(async () => ({})));
}, 180_000);

/** The filter electron-builder builds from `name`'s patterns, as the packager does (paths under ROOT). */
function filterOf(name: 'files' | 'asarUnpack'): (relativePath: string) => boolean {
  const matchers = getFileMatchers(config, name, join(ROOT, 'dist', 'app'), {
    macroExpander: (text: string) => text,
    customBuildOptions: {},
    globalOutDir: join(ROOT, 'dist'),
    defaultSrc: ROOT,
  });
  const filter = matchers?.[0]?.createFilter();
  if (!filter) throw new Error(`electron-builder.yml has no ${name} patterns`);
  return (relativePath) => filter(join(ROOT, relativePath), { isDirectory: () => false });
}

function filesUnder(relativeDir: string): string[] {
  const dir = join(ROOT, relativeDir);
  return readdirSync(dir).flatMap((name) => {
    const path = join(relativeDir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('electron-builder.yml', () => {
  it('is a configuration the installed electron-builder accepts', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is strict: a misspelt fuse would not pass.
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  }, 180_000);

  it('flips the security fuses: no run-as-node, NODE_OPTIONS or inspector; code only from a checked asar; cookies encrypted', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('unpacks the native binaries of better-sqlite3 and onnxruntime-node (with its shared libraries), and no script', () => {
    const unpacked = filterOf('asarUnpack');
    const nativeFiles = ['node_modules/better-sqlite3', 'node_modules/onnxruntime-node/bin']
      .flatMap(filesUnder)
      .filter((file) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(file));
    expect(nativeFiles).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/build/Release/better_sqlite3.node']));
    expect(nativeFiles.some((file) => file.endsWith('onnxruntime_binding.node'))).toBe(true);
    for (const file of nativeFiles) expect(unpacked(file), file).toBe(true);

    const scripts = ['node_modules/better-sqlite3', 'node_modules/onnxruntime-node'].flatMap(filesUnder).filter((file) => /\.(c?js|mjs|json)$/.test(file));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) expect(unpacked(file), file).toBe(false);
    for (const file of ['out/main/index.js', 'out/main/chunks/train-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
      expect(unpacked(file), file).toBe(false);
  });

  it('ships the build output and package.json, without source maps, sources or tests', () => {
    const shipped = filterOf('files');
    for (const file of [
      'out/main/index.js',
      'out/main/serve.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index.js',
      'package.json',
    ]) {
      expect(shipped(file), file).toBe(true);
    }
    for (const file of [
      'out/main/index.js.map',
      'out/renderer/assets/index.js.map',
      'electron/main/index.ts',
      'core/node/server/local-server.ts',
      'tests/electron/builder-config.test.ts',
      'electron-builder.yml',
      '.git/config',
    ]) {
      expect(shipped(file), file).toBe(false);
    }
    expect(config.extraResources).toEqual([{ from: 'resources/examples', to: 'examples' }]);
  });

  it('builds NSIS and portable on Windows, DMG and zip for arm64 and x64 on macOS, AppImage and deb on Linux', () => {
    const targets = (platform: 'mac' | 'win' | 'linux') =>
      ([config[platform]?.target ?? []].flat() as (string | { target: string; arch?: string | string[] })[]).map((entry) =>
        typeof entry === 'string' ? { target: entry, arch: [] } : { target: entry.target, arch: [entry.arch ?? []].flat() },
      );
    expect(targets('win')).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(targets('mac')).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(targets('linux')).toEqual([
      { target: 'AppImage', arch: [] },
      { target: 'deb', arch: [] },
    ]);
    // a .deb needs a maintainer, and native modules are rebuilt for Electron's ABI at packaging time
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.npmRebuild).toBe(true);
  });

  it('gives each system its icon from resources/, files that exist', () => {
    expect(config.mac?.icon).toBe('resources/icon.icns');
    expect(config.win?.icon).toBe('resources/icon.ico');
    expect(config.linux?.icon).toBe('resources/icons');
    for (const path of ['resources/icon.icns', 'resources/icon.ico', 'resources/icons/256x256.png', 'resources/icons/512x512.png', 'resources/icon.png']) {
      expect(statSync(join(ROOT, path)).size, path).toBeGreaterThan(0);
    }
  });

  it('the release workflow runs the tests and npm run dist on all three systems and keeps every installer the config makes', () => {
    const { load } = builderRequire('js-yaml') as { load(text: string): unknown };
    const workflow = load(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
      jobs: { installers: { strategy: { matrix: { os: string[] } }; steps: { run?: string; uses?: string; with?: { path?: string } }[] } };
    };
    const job = workflow.jobs.installers;
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    const runs = job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
    expect(runs.some((run) => run.startsWith('npm ci'))).toBe(true);
    expect(runs.some((run) => run.includes('npm test'))).toBe(true);
    expect(runs).toContain('npm run dist');
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    const globs = (upload?.with?.path ?? '').split('\n').filter((line) => line.trim() !== '');
    const extensionOf: Record<string, string> = { nsis: 'exe', portable: 'exe', dmg: 'dmg', zip: 'zip', AppImage: 'AppImage', deb: 'deb' };
    for (const platform of ['mac', 'win', 'linux'] as const) {
      for (const entry of [config[platform]?.target ?? []].flat() as (string | { target: string })[]) {
        const target = typeof entry === 'string' ? entry : entry.target;
        expect(globs, `${platform} ${target}`).toContain(`dist/*.${extensionOf[target] ?? `(unknown target ${target})`}`);
      }
    }
  });

  it('`npm run dist` builds the app, then the installers of this system, publishing nothing', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.dist).toBe('electron-vite build && electron-builder --publish never');
  });
});
