// Files through the loopback server (browser mode): a dataset uploaded and then imported as a local file is, a 50 MB
// upload streamed with one chunk in hand at a time, refused and interrupted uploads that leave nothing behind, and
// downloads of an export and a study report with their exact bytes, only with the token.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import type { DatasetInfo, ModelExport } from '../../../../core/common/api/entities';
import { downloadPath, UPLOAD_ROUTE, type UploadedFile } from '../../../../core/common/api/file-transfer';
import { receiveUpload, type UploadOutcome } from '../../../../core/node/server/upload';
import { callApi } from '../backend/test-backend';
import { startTestServer, TOKEN, type TestServer } from './server-fixture';

const MIB = 1024 * 1024;
/** The test server's upload limit: above the 50 MB upload, below the refused ones. */
const LIMIT = 52 * MIB;
const CHUNK = 64 * 1024;

let t: TestServer;
let uploadsDir: string;

beforeAll(async () => {
  uploadsDir = mkdtempSync(join(tmpdir(), 'seqlab-uploads-'));
  t = await startTestServer({ uploads: { dir: uploadsDir, maxBytes: LIMIT } });
});
afterAll(async () => {
  await t.close();
  rmSync(uploadsDir, { recursive: true, force: true });
});

/** Every file under the uploads folder (partial ones included), relative to it. */
function filesInUploads(): string[] {
  return readdirSync(uploadsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(uploadsDir.length + 1));
}

/** Deterministic bytes of chunk `i` (a rolling pattern, so a dropped or reordered chunk changes the hash). */
function chunkOf(i: number, size = CHUNK): Buffer {
  const chunk = Buffer.alloc(size);
  for (let b = 0; b < size; b += 4) chunk.writeUInt32LE((i * 2654435761 + b) >>> 0, b);
  return chunk;
}

interface Reply {
  status: number | null;
  body: string;
  /** The request failed on the client's side (the server closed the connection while the body was still going). */
  error: string | null;
}

/** POSTs `chunks` bytes to the upload route, writing each only when the socket takes it (backpressure). */
function upload(name: string, chunks: number, options: { token?: string; contentLength?: number | null; chunkSize?: number } = {}): Promise<Reply> {
  const size = options.chunkSize ?? CHUNK;
  const length = options.contentLength === undefined ? chunks * size : options.contentLength;
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      Host: `127.0.0.1:${t.server.port}`,
      Authorization: `Bearer ${options.token ?? TOKEN}`,
      'Content-Type': 'text/csv',
    };
    if (length !== null) headers['Content-Length'] = String(length);
    const req = request(
      { host: '127.0.0.1', port: t.server.port, method: 'POST', path: `${UPLOAD_ROUTE}?name=${encodeURIComponent(name)}`, headers },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? null, body, error: null }));
        res.on('error', (error) => resolve({ status: res.statusCode ?? null, body, error: error.message }));
      },
    );
    req.on('error', (error) => resolve({ status: null, body: '', error: error.message }));
    let i = 0;
    const writeMore = (): void => {
      while (i < chunks) {
        if (req.destroyed) return;
        const more = req.write(chunkOf(i++, size));
        if (!more) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

function uploadBytes(name: string, bytes: Buffer): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: t.server.port,
        method: 'POST',
        path: `${UPLOAD_ROUTE}?name=${encodeURIComponent(name)}`,
        headers: { Host: `127.0.0.1:${t.server.port}`, Authorization: `Bearer ${TOKEN}`, 'Content-Length': String(bytes.length) },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(body) as { ok: boolean; value: UploadedFile };
          if (res.statusCode === 200 && parsed.ok) resolve(parsed.value);
          else reject(new Error(`upload refused (${res.statusCode}): ${body}`));
        });
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

/** GET a download; the body as bytes. */
function download(path: string, token: string | null = TOKEN): Promise<{ status: number; bytes: Buffer; headers: IncomingMessage['headers'] }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${t.server.port}` };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const req = request({ host: '127.0.0.1', port: t.server.port, method: 'GET', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const datasets = () => callApi<DatasetInfo[]>(t.env.backend, 'datasets.list', {});

/** Waits until the server has noted a line matching `pattern` (the verdict is the line and the files, not the wait). */
async function noticed(pattern: RegExp): Promise<void> {
  while (!t.notices.some((line) => pattern.test(line))) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('uploads', () => {
  it('streams a 50 MB file into uploads/<sha256>/<name>, hashed on the way, with no partial file left', async () => {
    const count = Math.floor((50 * 1000 * 1000) / CHUNK); // 762 chunks: just under 50 MB
    const expected = createHash('sha256');
    for (let i = 0; i < count; i++) expected.update(chunkOf(i));
    const reply = await upload('big.bin', count);
    expect(reply.status).toBe(200);
    const file = (JSON.parse(reply.body) as { value: UploadedFile }).value;
    const digest = expected.digest('hex');
    expect(file).toEqual({ path: join(uploadsDir, digest, 'big.bin'), name: 'big.bin', sha256: digest, sizeBytes: count * CHUNK });
    expect(sha256(readFileSync(file.path))).toBe(digest);
    expect(filesInUploads()).toEqual([join(digest, 'big.bin')]);
    rmSync(join(uploadsDir, digest), { recursive: true });
  }, 120_000);

  it('holds one chunk of the body at a time, not the file: 50 MB through a real HTTP request, at most a few hundred KiB in hand', async () => {
    // receiveUpload itself behind a plain HTTP server, to read the peak it reports.
    const outcomes: UploadOutcome[] = [];
    const server = createServer((req, res) => {
      void receiveUpload(req, Number(req.headers['content-length']), 'stream.bin', { dir: uploadsDir, maxBytes: LIMIT }).then((outcome) => {
        outcomes.push(outcome);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const count = 763;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'Content-Length': String(count * CHUNK) } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      let i = 0;
      const writeMore = (): void => {
        while (i < count) if (!req.write(chunkOf(i++))) return void req.once('drain', writeMore);
        req.end();
      };
      writeMore();
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const [outcome] = outcomes;
    if (outcome?.status !== 'ok') throw new Error(`upload not received: ${JSON.stringify(outcome)}`);
    expect(outcome.file.sizeBytes).toBe(count * CHUNK);
    // A chunk (≤ 64 KiB from the socket) plus the request stream's own buffer: far below the 50 MB file.
    expect(outcome.peakHeldBytes).toBeGreaterThan(0);
    expect(outcome.peakHeldBytes).toBeLessThanOrEqual(512 * 1024);
    rmSync(join(uploadsDir, outcome.file.sha256), { recursive: true });
  }, 120_000);

  it('is then previewed and imported exactly as a local file, and names the file in a bad row’s error', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `${i},${Math.sin(i / 8).toFixed(4)}`);
    const csv = Buffer.from(`step,level\n${rows.join('\n')}\n`);
    const uploaded = await uploadBytes('levels.csv', csv);
    expect(uploaded.sha256).toBe(sha256(csv));
    const preview = await callApi<{ kind: string }>(t.env.backend, 'datasets.preview', { path: uploaded.path });
    expect(preview.kind).toBe('series');
    const imported = await callApi<{ dataset: DatasetInfo }>(t.env.backend, 'datasets.import', { path: uploaded.path });
    expect(imported.dataset).toMatchObject({ name: 'levels.csv', sourcePath: uploaded.path, contentHash: `sha256:${uploaded.sha256}`, sizeBytes: csv.length });

    const broken = await uploadBytes('broken.csv', Buffer.from(`step,level\n0,1\n1,2,3\n`));
    const refused = await t.env.backend.dispatcher.dispatch('datasets.import', { path: broken.path });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/broken\.csv, line 3/) } });
    expect((await datasets()).map((d) => d.name)).toEqual(['levels.csv']);
  }, 180_000);
});

describe('refused and interrupted uploads register nothing and leave no file', () => {
  it('refuses a body declared larger than the limit before reading it (413)', async () => {
    const before = filesInUploads();
    const reply = await upload('huge.csv', 1, { contentLength: LIMIT + 1 });
    expect(reply.status === 413 || reply.error !== null).toBe(true);
    if (reply.status === 413)
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining(`${LIMIT} bytes`) } });
    await noticed(/refused an upload: .*huge\.csv is larger than the upload limit.*\(413\)/);
    expect(filesInUploads()).toEqual(before);
  });

  it('stops a body without a declared length once it passes the limit, and removes what it had written', async () => {
    const before = filesInUploads();
    const datasetsBefore = await datasets();
    // chunked transfer encoding: the server learns the size only as it reads
    const reply = await upload('sneaky.csv', LIMIT / CHUNK + 16, { contentLength: null });
    expect(reply.status === 413 || reply.error !== null).toBe(true);
    await noticed(/refused an upload: .*sneaky\.csv is larger than the upload limit.*\(413\)/);
    expect(filesInUploads()).toEqual(before);
    expect(await datasets()).toEqual(datasetsBefore);
  }, 120_000);

  it('refuses an upload without the token (401) or with a name that is not a bare file name (400)', async () => {
    const before = filesInUploads();
    const noToken = await upload('data.csv', 4, { token: 'wrong' });
    expect(noToken.status).toBe(401);
    for (const name of ['../escape.csv', 'a/b.csv', 'con:1.csv']) {
      const reply = await upload(name, 1);
      expect(reply.status, name).toBe(400);
      expect(JSON.parse(reply.body).error.message).toMatch(/not a bare file name|cannot/);
    }
    expect(filesInUploads()).toEqual(before);
    expect(existsSync(join(uploadsDir, '..', 'escape.csv'))).toBe(false);
  });

  it('removes the partial file of an upload whose client goes away mid-way', async () => {
    const before = filesInUploads();
    const datasetsBefore = await datasets();
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: t.server.port,
        method: 'POST',
        path: `${UPLOAD_ROUTE}?name=cut.csv`,
        headers: { Host: `127.0.0.1:${t.server.port}`, Authorization: `Bearer ${TOKEN}`, 'Content-Length': String(10 * MIB) },
      });
      req.on('error', () => resolve());
      req.write(chunkOf(0), () => req.write(chunkOf(1), () => req.destroy()));
    });
    await noticed(/an upload ended before its last byte; its partial file was removed/);
    expect(filesInUploads()).toEqual(before);
    expect(await datasets()).toEqual(datasetsBefore);
  });

  it('empties partial files an earlier server left behind when it starts', async () => {
    const leftovers = mkdtempSync(join(tmpdir(), 'seqlab-uploads-'));
    const partial = join(leftovers, '.partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'killed-mid-upload'), 'half a file');
    const other = await startTestServer({ uploads: { dir: leftovers, maxBytes: LIMIT } });
    expect(readdirSync(partial)).toEqual([]);
    await other.close();
    rmSync(leftovers, { recursive: true, force: true });
  });
});

describe('downloads', () => {
  let exported: ModelExport;

  beforeAll(async () => {
    const experiment = await callApi<{ id: number }>(t.env.backend, 'experiments.create', { name: 'downloads' });
    const completed = new Promise<void>((resolve) => {
      t.env.backend.events.subscribe((event, payload) => {
        if (event === 'run.status' && (payload as ApiEvent<'run.status'>).status === 'completed') resolve();
      });
    });
    const run = await callApi<{ id: number }>(t.env.backend, 'runs.create', {
      experimentId: experiment.id,
      spec: {
        seed: 3,
        task: { id: 'char-lm', params: { window: 8, corpusLength: 1000 } },
        model: { cell: 'gru', hiddenSize: 6, embeddingDim: 4 },
        training: { steps: 10, batchSize: 4, learningRate: 1e-2, evalEvery: 10, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
      },
    });
    await completed;
    exported = await callApi<ModelExport>(t.env.backend, 'models.export', { runId: run.id, format: 'safetensors' });
  }, 180_000);

  it('sends an export’s exact bytes, named, with their SHA-256, only with the token', async () => {
    const path = downloadPath({ kind: 'export', exportId: exported.id, part: 'graph' });
    const reply = await download(path);
    expect(reply.status).toBe(200);
    expect(sha256(reply.bytes)).toBe(exported.hash);
    expect(reply.bytes.equals(readFileSync(exported.path))).toBe(true);
    expect(reply.headers['content-disposition']).toContain(`filename="run-${exported.runId}.safetensors"`);
    expect(reply.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(exported.hash, 'hex').toString('base64')}:`);

    expect((await download(path, null)).status).toBe(401);
    expect((await download(path, `${TOKEN}x`)).status).toBe(401);
    expect((await download(downloadPath({ kind: 'export', exportId: exported.id + 100, part: 'graph' }))).status).toBe(404);
    const noStep = await download(downloadPath({ kind: 'export', exportId: exported.id, part: 'step' }));
    expect(noStep.status).toBe(400);
  });

  it('refuses an export whose file changed since it was exported, rather than sending other bytes', async () => {
    const original = readFileSync(exported.path);
    try {
      writeFileSync(exported.path, Buffer.concat([original, Buffer.from([0])]));
      const reply = await download(downloadPath({ kind: 'export', exportId: exported.id, part: 'graph' }));
      expect(reply.status).toBe(409);
      expect(JSON.parse(reply.bytes.toString())).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining('has changed since it was exported') },
      });
    } finally {
      writeFileSync(exported.path, original);
    }
  });

  it("sends a study's report and results as studies.report gives them; an unknown study is 404", async () => {
    const started = await callApi<{ id: number; sweepId: number }>(t.env.backend, 'studies.run', { study: 'gradient-flow', budget: 'quick' });
    // Its runs are not needed: a report of runs stopped before training is a report all the same.
    await callApi(t.env.backend, 'sweeps.stop', { id: started.sweepId });
    const report = await callApi<{ fileName: string; html: string; csv: string }>(t.env.backend, 'studies.report', { id: started.id });
    const html = await download(downloadPath({ kind: 'study', studyId: started.id, file: 'report.html' }));
    expect(html.status).toBe(200);
    // The report says when it was written, to the millisecond; everything else is the API's report byte for byte,
    // and the bytes are those the server hashed.
    const written = (text: string) => text.replace(/Written [0-9TZ:.-]+/, 'Written (time)');
    expect(written(html.bytes.toString('utf8'))).toBe(written(report.html));
    expect(html.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(html.bytes).digest('base64')}:`);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toContain(`filename="${report.fileName}"`);
    const csv = await download(downloadPath({ kind: 'study', studyId: started.id, file: 'results.csv' }));
    expect(csv.bytes.toString('utf8')).toBe(report.csv);
    expect((await download(downloadPath({ kind: 'study', studyId: started.id, file: 'report.html' }), null)).status).toBe(401);
    expect((await download(downloadPath({ kind: 'study', studyId: 9999, file: 'report.html' }))).status).toBe(404);
    expect((await download('/api/download/study/1/secrets.txt')).status).toBe(404);
  }, 180_000);
});
