// The New run form's live check: one call once editing pauses, only the newest answer kept, nothing for no spec.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { SpecCheck } from '../../../core/common/api/entities';
import { CHECK_DELAY_MS, useSpecCheck } from '../../../renderer/src/composables/use-spec-check';

const machine = { totalMemoryBytes: 8, memoryBytes: 6, parallelism: 2 };
const answer = (path: string): SpecCheck => ({ ok: false, issues: [{ path, message: 'checked' }], estimate: null, machine });

describe('useSpecCheck', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks once editing pauses, and keeps only the answer for the newest spec', async () => {
    const scope = effectScope();
    const body = ref<unknown>({ hiddenSize: 1 });
    const pending: ((value: SpecCheck) => void)[] = [];
    const check = vi.fn((spec: unknown) => new Promise<SpecCheck>((resolve) => pending.push(() => resolve(answer(JSON.stringify(spec))))));
    const state = scope.run(() => useSpecCheck(body, check))!;

    body.value = { hiddenSize: 2 };
    await nextTick();
    body.value = { hiddenSize: 3 };
    await nextTick();
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(check).toHaveBeenCalledTimes(1); // the edits in between were never sent
    expect(check).toHaveBeenLastCalledWith({ hiddenSize: 3 });
    expect(state.checking.value).toBe(true);

    body.value = { hiddenSize: 4 };
    await nextTick();
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(check).toHaveBeenCalledTimes(2);
    pending[1]?.(answer('')); // the newer answer first…
    await vi.runAllTimersAsync();
    pending[0]?.(answer('')); // …then the stale one, which is dropped
    await vi.runAllTimersAsync();
    expect(state.result.value?.issues[0]?.path).toBe('{"hiddenSize":4}');
    expect(state.checking.value).toBe(false);

    body.value = undefined; // e.g. JSON that does not parse
    await nextTick();
    expect(state.result.value).toBeNull();
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(check).toHaveBeenCalledTimes(2);
    scope.stop();
  });

  it('shows why a check failed', async () => {
    const scope = effectScope();
    const state = scope.run(() => useSpecCheck(ref<unknown>({}), () => Promise.reject(new Error('The spec worker stopped unexpectedly'))))!;
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS);
    expect(state.error.value).toBe('The spec worker stopped unexpectedly');
    expect(state.result.value).toBeNull();
    scope.stop();
  });
});
