// The fixture-check CLI end to end: passes on the shared fixture folder (recurrent and attention
// files), fails on corrupted copies and on a malformed file (naming file and key).

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, REPO_ROOT, fixtureFiles, readFixtureText } from '../../../fixtures/torch-fixtures';

function runTool(files: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/node/tools/fixture-check.ts', ...files], { cwd: REPO_ROOT });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('fixture-check CLI', () => {
  it('passes every shared fixture, corrupted and malformed copies fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixture-check-'));
    const source = fixtureFiles().find((f) => f.endsWith('gru_I2_H3_L2_bi_T5_B4_var.json'))!;
    const json = JSON.parse(readFixtureText(source));
    json.grad.weight_hh_l1_reverse[2][1] += 0.01;
    const corrupted = join(dir, 'corrupted.json');
    writeFileSync(corrupted, JSON.stringify(json));
    delete json.rh;
    const malformed = join(dir, 'malformed.json');
    writeFileSync(malformed, JSON.stringify(json));
    const attentionSource = fixtureFiles().find((f) => f.endsWith('additive_attention_Hq4_He3_A5_S6_B3.json'))!;
    const attention = JSON.parse(readFixtureText(attentionSource));
    attention.grad.W_k[1][2] += 0.01;
    const corruptedAttention = join(dir, 'corrupted-attention.json');
    writeFileSync(corruptedAttention, JSON.stringify(attention));

    const [all, bad, broken, badAttention] = await Promise.all([
      runTool([FIXTURE_DIR]),
      runTool([corrupted]),
      runTool([malformed, fixtureFiles()[0]!]),
      runTool([corruptedAttention]),
    ]);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`all ${fixtureFiles().length} file(s) pass`);
    expect(all.stdout).toContain('additive_attention_Hq4_He3_A5_S6_B3  (additive attention, Hq=4 He=3 A=5 S=6 B=3, lengths [4, 1, 6]; float32)');
    expect(all.stdout).toMatch(/grad\.enc\s+\S+\s+\S+\n\s+padding: alpha and grad\.enc at masked steps exactly 0\n\s+PASS/);
    expect(all.stdout).toMatch(/grad\.weight_ih_l1_reverse\s+\S+\s+\S+/);

    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/grad\.weight_hh_l1_reverse\s+\S+\s+1\.00e-2\s+<-- above tolerance/);
    expect(bad.stdout).toContain('FAIL');

    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${malformed}: key "rh": missing`);
    expect(broken.stdout).toContain('1 of 2 file(s) FAILED');

    expect(badAttention.code).toBe(1);
    expect(badAttention.stdout).toMatch(/grad\.W_k\s+\S+\s+1\.00e-2\s+<-- above tolerance/);
  });
});
