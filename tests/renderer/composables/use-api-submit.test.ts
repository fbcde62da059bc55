// A form's JSON editor submitted through the API: text that is not JSON is refused before anything is sent,
// named by what the editor holds; JSON reaches the action parsed.
import { describe, expect, it } from 'vitest';
import { useApiSubmit } from '../../../renderer/src/composables/use-api-submit';

describe('useApiSubmit().submitJson', () => {
  it('refuses text that is not JSON, names what it is, and sends nothing', async () => {
    const { error, submitJson } = useApiSubmit();
    const sent: unknown[] = [];
    const result = await submitJson('sweep', '{ "base": ', (body) => Promise.resolve(sent.push(body)));
    expect(result).toBeUndefined();
    expect(sent).toEqual([]);
    expect(error.value).toMatch(/^The sweep is not valid JSON: .+/);
  });

  it('sends the parsed JSON and returns what the action resolves to, clearing an earlier refusal', async () => {
    const { error, submitJson } = useApiSubmit();
    await submitJson('spec', 'not json', () => Promise.resolve(0));
    const result = await submitJson('spec', '{ "training": { "steps": 40 } }', (body) => Promise.resolve(body));
    expect(result).toEqual({ training: { steps: 40 } });
    expect(error.value).toBeNull();
  });
});
