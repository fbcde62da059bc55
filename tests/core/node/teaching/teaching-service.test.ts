// The teaching playground's session control in a real worker thread: a setting change builds a fresh session
// (the next generation, step 0) of the new spec; pause stops the steps; step advances exactly one; a second client
// past the limit is refused; stop and a lapsed lease end the worker; and nothing reaches a store (the service has
// none, and a real database file beside it is unchanged by a whole session).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { teachingSettingsSchema, type TeachingSettings } from '../../../../core/common/api/teaching-entities';
import { openStore } from '../../../../core/node/store/store';
import type { TeachingReply, TeachingUpdate } from '../../../../core/node/teaching/teaching-protocol';
import { MAX_TEACHING_WORKERS, TeachingService, type TeachingResult } from '../../../../core/node/teaching/teaching-service';
import { teachingWorkerEntry } from '../../../../core/node/teaching/worker-entries';

const updates: { clientId: string; update: TeachingUpdate }[] = [];
const service = new TeachingService(teachingWorkerEntry, (clientId, update) => updates.push({ clientId, update }));
const dir = mkdtempSync(join(tmpdir(), 'seqlab-teaching-'));
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const settings = (over: Partial<TeachingSettings> = {}): TeachingSettings =>
  teachingSettingsSchema.parse({ task: 'adding', hiddenSize: 4, length: 6, ...over });

function state(result: TeachingResult): Extract<TeachingReply, { ok: true }>['state'] {
  if (!result.ok) throw new Error(result.message);
  if (!result.reply.ok) throw new Error(JSON.stringify(result.reply.issues));
  return result.reply.state;
}

/** Resolves once an update of `clientId` satisfies `test` (no time limit of its own: the test's timeout is the bound). */
async function updateWhere(clientId: string, test: (u: TeachingUpdate) => boolean): Promise<TeachingUpdate> {
  for (;;) {
    const found = updates.find((u) => u.clientId === clientId && test(u.update));
    if (found) return found.update;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('TeachingService', () => {
  it('restarts from scratch with the new spec on a setting change, and refuses settings the spec refuses', async () => {
    const first = state(await service.configure('client-a', settings()));
    expect(first).toMatchObject({ generation: 1, step: 0, running: false });
    state(await service.command('client-a', { type: 'play' }));
    await updateWhere('client-a', (u) => u.generation === 1 && u.step >= 3);

    const changed = state(await service.configure('client-a', settings({ cell: 'gru', hiddenSize: 6 })));
    expect(changed.generation).toBe(2);
    expect(changed.running).toBe(true); // training goes on, in the new session
    expect(changed.step).toBe(0);
    expect(changed.spec).toMatchObject({ model: { cell: 'gru', hiddenSize: 6 }, task: { id: 'adding-problem', params: { length: 6 } } });
    expect(changed.model).toContain('gru');
    // the new session's losses start again from step 1
    const fresh = await updateWhere('client-a', (u) => u.generation === 2 && u.losses.length > 0);
    expect(fresh.losses[0]?.[0]).toBeLessThanOrEqual(fresh.step);
    expect(updates.filter((u) => u.update.generation === 2).every((u) => u.update.losses.every(([step]) => step >= 1))).toBe(true);
    expect(updates.find((u) => u.update.generation === 2 && u.update.losses.length > 0)?.update.losses[0]?.[0]).toBe(1);

    const refused = await service.configure('client-a', settings({ init: 'identity', cell: 'rnn', activation: 'tanh' }));
    expect(refused).toMatchObject({ ok: true, reply: { ok: false, issues: [{ path: 'model.init.recurrent' }] } });
    // the session it had goes on unchanged
    expect(state(await service.command('client-a', { type: 'state' })).generation).toBe(2);
  }, 180_000);

  it('stops stepping when paused, and steps exactly one at a time', async () => {
    const paused = state(await service.command('client-a', { type: 'pause' }));
    expect(paused.running).toBe(false);
    const again = state(await service.command('client-a', { type: 'state' }));
    expect(again.step).toBe(paused.step); // no step between the pause and the next command
    const stepped = state(await service.command('client-a', { type: 'step' }));
    expect(stepped.step).toBe(paused.step + 1);
    const twice = state(await service.command('client-a', { type: 'step' }));
    expect(twice.step).toBe(paused.step + 2);
    expect(twice.running).toBe(false);
    // each step is pushed as one loss at once, with the panel of the model after it
    const last = await updateWhere('client-a', (u) => u.step === paused.step + 2);
    expect(last.losses).toEqual([[paused.step + 2, expect.any(Number)]]);
    expect(last.prediction?.kind).toBe('rows');
    expect(last.gradProfile).toHaveLength(6);

    const reset = state(await service.command('client-a', { type: 'reset' }));
    expect(reset).toMatchObject({ generation: 3, step: 0, running: false });
  }, 180_000);

  it('keeps one worker per client, refuses clients past the limit, and ends a worker on stop', async () => {
    for (let i = 1; i < MAX_TEACHING_WORKERS; i++) state(await service.configure(`client-${i}-b`, settings()));
    expect(service.running).toBe(MAX_TEACHING_WORKERS);
    const refused = await service.configure('client-over', settings());
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('already training') });
    expect(await service.stop('client-a')).toBe(true);
    expect(service.running).toBe(MAX_TEACHING_WORKERS - 1);
    expect(await service.command('client-a', { type: 'play' })).toEqual({ ok: false, message: expect.stringContaining('not running') });
  }, 180_000);

  it('ends the worker of a client gone silent past its lease', async () => {
    const brief = new TeachingService(teachingWorkerEntry, () => undefined, 300);
    state(await brief.configure('client-silent', settings()));
    expect(brief.running).toBe(1);
    while (brief.running > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(brief.keepAlive('client-silent')).toBe(false);
    await brief.close();
  }, 180_000);

  it('writes nothing to a store while a session trains', async () => {
    const path = join(dir, 'runs.db');
    openStore(path, { create: true }).close();
    const before = readFileSync(path);
    state(await service.configure('client-store', settings({ task: 'sine' })));
    state(await service.command('client-store', { type: 'play' }));
    await updateWhere('client-store', (u) => u.step >= 5 && u.prediction?.kind === 'series');
    state(await service.command('client-store', { type: 'pause' }));
    expect(readFileSync(path).equals(before)).toBe(true);
  }, 180_000);
});
