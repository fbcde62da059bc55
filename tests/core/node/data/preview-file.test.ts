// Previewing a file reads only its first part, checks it is text, and shows what an import would see.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { previewFile } from '../../../../core/node/data';
import { expectError, useDataFixture } from './data-fixture';

const fx = useDataFixture();

describe('previewFile', () => {
  it('previews the first part of a large file without reading the rest', async () => {
    const path = fx.write(
      'big.tsv',
      'label\tsequence\n' + Array.from({ length: 50_000 }, (_, i) => `${i % 3 === 0 ? 'b' : 'a'}\t${'x '.repeat(1 + (i % 5))}`).join('\n'),
    );
    const result = await previewFile(path, { rows: 3 }, 64 * 1024);
    if (!result.ok) throw new Error(result.error.message);
    const p = result.value;
    expect(p).toMatchObject({
      format: 'delimited',
      delimiter: '\t',
      header: true,
      complete: false,
      rows: [
        ['b', 'x '],
        ['a', 'x x '],
        ['a', 'x x x '],
      ],
    });
    expect(p.sampledRows).toBeLessThan(50_000);
    expect(p.classBalance?.column).toBe('label');
    expect(p.lengths).toMatchObject({ column: 'sequence', histogram: { min: 1, max: 5 } });
  });

  it('ignores a character cut by the preview limit, but not one cut by the end of the file', async () => {
    const text = 'a,b\n' + 'é,😀\n'.repeat(1000);
    const cut = await previewFile(fx.write('cut.csv', text), {}, 1001);
    expect(cut.ok).toBe(true);
    const truncated = fx.write('truncated.csv', Uint8Array.from([...new TextEncoder().encode('a,b\n1,2\n'), 0xf0, 0x9f]));
    expectError(await previewFile(truncated), truncated, 'invalid-encoding', 3, 1);
  });

  it('refuses empty, binary and missing files with typed errors', async () => {
    const empty = fx.write('empty.csv', '');
    expectError(await previewFile(empty), empty, 'empty-file');
    const binary = fx.write('image.csv', Uint8Array.from([0x42, 0x4d, 0, 0, 0x10]));
    expectError(await previewFile(binary), binary, 'binary-file', 1, 3);
    const missing = fx.join('nope.csv');
    expectError(await previewFile(missing), missing, 'unreadable-file');
  });

  it('refuses a FIFO, a device and a /proc file for what they are, not as empty, without hanging on the FIFO', { timeout: 180_000 }, async () => {
    const fifo = fx.join('pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(expectError(await previewFile(fifo), fifo, 'unreadable-file').message).toContain(`${fifo}: this is a FIFO (a named pipe), not a regular file`);
    // a FIFO nobody writes to would block a read forever: a hang fails this test at its time limit (no stopwatch verdict)
    expect(expectError(await previewFile('/dev/zero'), '/dev/zero', 'unreadable-file').message).toContain('this is a character device');
    if (process.platform === 'linux') {
      const proc = expectError(await previewFile('/proc/self/status'), '/proc/self/status', 'unreadable-file');
      expect(proc.message).toContain("a file of the kernel's /proc file system, not a regular file");
      expect(proc.message).not.toContain('empty');
    }
  });

  it('quotes at most a short part of a cell in a problem, never a whole line of an arbitrary file', async () => {
    const long = 'x'.repeat(3000);
    const path = fx.write('odd.csv', `time,value\n${Array.from({ length: 30 }, (_, t) => `${t},${t === 4 ? long : t / 2}`).join('\n')}\n`);
    const result = await previewFile(path);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.problems).toHaveLength(1);
    expect(result.value.problems[0]!.message).toContain(`"${'x'.repeat(37)}…"`);
    expect(result.value.problems[0]!.message.length).toBeLessThan(500);
  });
});
