// Starts the built `serve` entry on a fresh temporary database and a free port, and a headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ServedApp {
  url: string;
  origin: string;
  token: string;
  databasePath: string;
  stop(): Promise<void>;
}

export async function startServedApp(): Promise<ServedApp> {
  // The build under test: out/ unless SEQLAB_OUT_DIR names another (electron.vite.config.ts).
  const serveEntry = join(ROOT, process.env.SEQLAB_OUT_DIR ?? 'out', 'main/serve.js');
  if (!existsSync(serveEntry)) throw new Error(`${serveEntry} is missing: run \`npm run build\` before the e2e tests.`);
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-e2e-'));
  const databasePath = join(dir, 'runs.db');
  const child = spawn(process.execPath, [serveEntry, '--db', databasePath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await waitForUrl(child);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    databasePath,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL:\n${output}`));
    });
  });
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (.ci/run does).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** For a test file: one served app on a fresh database and one Chromium, started before its tests and stopped after. */
export function useServedApp(): { app: () => ServedApp; browser: () => Browser; openPage: () => Promise<OpenedPage> } {
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startServedApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    app: () => app as ServedApp,
    browser: () => browser as Browser,
    async openPage() {
      const page = await (browser as Browser).newPage();
      // Playwright's 30 s default for each action is a hang guard too short for a loaded machine.
      page.setDefaultTimeout(60_000);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto((app as ServedApp).url);
      return { page, pageErrors };
    },
  };
}

/** A page of the served app, and every uncaught error it has thrown so far (a test expects none). */
export interface OpenedPage {
  readonly page: Page;
  readonly pageErrors: string[];
}

/** Creates an experiment named `name` through the form and opens its New run form. */
export async function openNewRunForm(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create experiment' }).click();
  await page.getByRole('button', { name: 'New run' }).click();
}

/**
 * In an open New run form, the small reverser the encoder–decoder tests train: reverse-string, a GRU encoder
 * (hidden 12) with attention 8, 40 steps of batch 8 at learning rate 0.01.
 */
export async function fillSmallReverserRun(page: Page): Promise<void> {
  await page.getByLabel('Task').selectOption('reverse-string');
  await page.getByLabel('Encoder cell').selectOption('gru');
  await page.getByLabel('Hidden size', { exact: true }).fill('12');
  await page.getByLabel('Attention size (0 = none)').fill('8');
  await page.getByLabel('Learning rate').fill('0.01');
  await page.getByLabel('Steps').fill('40');
  await page.getByLabel('Batch size').fill('8');
}
