import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend();
});
afterEach(() => env.dispose());

describe('BackendService dispatcher', () => {
  it('creates and lists experiments in the store', async () => {
    const created = await env.backend.dispatcher.dispatch('experiments.create', { name: '  Copy task  ', notes: 'T = 100' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Copy task', notes: 'T = 100', runCount: 0, tags: [] } });
    const listed = await env.backend.dispatcher.dispatch('experiments.list', {});
    expect(listed.ok && (listed.value as { name: string }[]).map((e) => e.name)).toEqual(['Copy task']);
  });

  it('rejects an invalid payload with one readable issue per field', async () => {
    const result = await env.backend.dispatcher.dispatch('experiments.create', { name: '', tags: ['ok', 7], extra: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toContain('Invalid request for experiments.create');
    const paths = result.error.issues?.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'tags.1']));
    expect(result.error.issues?.find((issue) => issue.path === 'name')?.message).toBe('must not be empty');
  });

  it('refuses an unknown call by name, listing the known ones', async () => {
    const result = await env.backend.dispatcher.dispatch('experiments.drop', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(!result.ok && result.error.message).toContain('experiments.list');
  });

  it('reports a taken name as a conflict on the name field', async () => {
    await env.backend.dispatcher.dispatch('experiments.create', { name: 'Parity' });
    const again = await env.backend.dispatcher.dispatch('experiments.create', { name: 'parity' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'name' }] } });
  });

  it('pushes experiments.changed to subscribers when an experiment is created or deleted', async () => {
    const seen: string[] = [];
    env.backend.events.subscribe((event) => seen.push(event));
    const created = await env.backend.dispatcher.dispatch('experiments.create', { name: 'Reber grammar' });
    const id = created.ok ? (created.value as { id: number }).id : -1;
    await env.backend.dispatcher.dispatch('experiments.delete', { id });
    expect(seen).toEqual(['experiments.changed', 'experiments.changed']);
    const missing = await env.backend.dispatcher.dispatch('experiments.delete', { id });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
