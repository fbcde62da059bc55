// The boundary's shape check, which runs before any schema: nesting depth counted without recursion, shared
// objects (possible over Electron IPC) walked once, cycles refused; and the refusals the dispatcher makes of it.
import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_DEPTH, parseRequest, requestShapeProblem } from '../../../../core/common/api/validate';
import { ApiError } from '../../../../core/common/api/result';

/** `levels` nested arrays: 1 is `[]`. */
function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
}

describe('requestShapeProblem', () => {
  it('accepts scalars and data up to the limit, and refuses one level more', () => {
    for (const scalar of [null, undefined, 3, 'text', true]) expect(requestShapeProblem(scalar, 4)).toBeNull();
    expect(requestShapeProblem({ a: [{ b: [] }] }, 4)).toBeNull();
    expect(requestShapeProblem({ a: [{ b: [[]] }] }, 4)).toMatch(/nests deeper than 4 levels/);
    expect(requestShapeProblem(nestedArrays(MAX_REQUEST_DEPTH), MAX_REQUEST_DEPTH)).toBeNull();
    expect(requestShapeProblem(nestedArrays(MAX_REQUEST_DEPTH + 1), MAX_REQUEST_DEPTH)).toMatch(/nests deeper than 64 levels/);
  });

  it('checks a payload nested 200,000 deep without overflowing the stack', () => {
    expect(requestShapeProblem(nestedArrays(200_000), MAX_REQUEST_DEPTH)).toMatch(/nests deeper/);
  });

  it('counts depth through shared objects, whichever path reaches them first', () => {
    // `chain` is 60 deep; reached at depth 2 through `shallow` and at depth 6 through `deep`: 66 levels in all.
    const chain = nestedArrays(60);
    const deep = [[[[chain]]]];
    const payload = { shallow: chain, deep };
    expect(requestShapeProblem(payload, MAX_REQUEST_DEPTH)).toMatch(/nests deeper/);
    expect(requestShapeProblem({ shallow: chain, alsoShallow: [chain] }, MAX_REQUEST_DEPTH)).toBeNull();
  });

  it('walks a shared object once, so a DAG of 2^60 paths is checked at once', () => {
    let node: unknown = [];
    for (let level = 0; level < 60; level++) node = [node, node];
    expect(requestShapeProblem(node, MAX_REQUEST_DEPTH)).toBeNull();
  });

  it('refuses a cycle', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = [cyclic];
    expect(requestShapeProblem({ spec: cyclic }, MAX_REQUEST_DEPTH)).toMatch(/contains itself \(a cycle\)/);
  });
});

describe('parseRequest', () => {
  it('refuses a too-deep or cyclic payload as an invalid request before its schema sees it', () => {
    const refusal = (payload: unknown) => {
      try {
        parseRequest('runs.create', payload);
      } catch (error) {
        if (error instanceof ApiError) return error.toBody();
        throw error;
      }
      throw new Error('accepted');
    };
    expect(refusal({ experimentId: 1, spec: nestedArrays(10_000) })).toEqual({
      code: 'invalid-request',
      message: expect.stringContaining('Invalid request for runs.create: the request nests deeper than 64 levels'),
      issues: [{ path: '(request)', message: expect.stringContaining('nests deeper than 64 levels') }],
    });
    const cyclic: { next?: unknown } = {};
    cyclic.next = cyclic;
    expect(refusal({ experimentId: 1, spec: cyclic })).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('a cycle') });
  });

  it('hands a handler exactly the optional fields the caller sent: absent stays absent, an explicit undefined is refused by name', () => {
    const generate = parseRequest('models.generate', { exportId: 1, prompt: 'ab' });
    expect(Object.keys(generate).sort()).toEqual(['exportId', 'length', 'prompt', 'temperature']);
    expect(parseRequest('models.translate', { exportId: 1, source: 'ab', beam: 3 }).beam).toBe(3);
    let refused: ApiError | null = null;
    try {
      parseRequest('models.generate', { exportId: 1, topK: undefined });
    } catch (error) {
      if (error instanceof ApiError) refused = error;
    }
    expect(refused?.issues).toEqual([{ path: 'topK', message: 'Invalid input: expected number, received undefined' }]);
  });
});
