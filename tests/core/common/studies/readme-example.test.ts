// The README's example study definition is valid as written, and every trial it would create resolves.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../../../core/common/spec/sweep-spec';
import { parseStudyDefinition } from '../../../../core/common/studies/study-definition';
import { planStudy } from '../../../../core/common/studies/study-plan';

describe('the README study example', () => {
  it('parses, and each budget plans trials that resolve', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Studies'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    if (block === undefined) throw new Error('no JSON example in the README Studies section');
    const parsed = parseStudyDefinition(JSON.parse(block));
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    for (const budget of ['quick', 'full']) {
      const trials = parseSweepSpec(planStudy(parsed.study, budget).sweep);
      expect(trials.ok, JSON.stringify(trials.ok ? null : trials.issues)).toBe(true);
    }
    expect(planStudy(parsed.study, 'quick').trials).toHaveLength(8);
  });
});
