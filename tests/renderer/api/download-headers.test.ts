// A download's name and digest survive the trip from the server's headers (transfer-routes.ts) to what the renderer
// reads from them (download-headers.ts): names beyond ASCII, quotes and apostrophes, and the SHA-256 in base64.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDisposition, reprDigest } from '../../../core/node/server/transfer-routes';
import { digestOf, fileNameOf } from '../../../renderer/src/api/download-headers';

describe('download headers', () => {
  it('carry the exact file name, with an ASCII fallback that needs no escaping', () => {
    for (const name of ['run-3.onnx', 'study-2-gradient-flow-quick.html', 'étude — 3.csv', `it's "quoted" (1)*!.csv`, '日本語.safetensors']) {
      const header = contentDisposition(name);
      expect(fileNameOf(header), name).toBe(name);
      const fallback = /filename="([^"]*)"/.exec(header)?.[1] ?? '';
      expect(fallback, name).toMatch(/^[\x20-\x7e]*$/);
      expect(fallback).not.toMatch(/["\\]/);
      // RFC 8187's ext-value holds only attr-chars and %XX
      expect(/filename\*=UTF-8''(.*)$/.exec(header)?.[1]).toMatch(/^([A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/);
    }
    expect(fileNameOf('attachment; filename="plain.csv"')).toBe('plain.csv');
    expect(fileNameOf(null)).toBe('download');
  });

  it('carry the SHA-256 of the bytes, read back as the hex the export records', () => {
    const hex = createHash('sha256').update('SeqLab').digest('hex');
    expect(digestOf(reprDigest(hex))).toBe(hex);
    expect(digestOf(null)).toBeUndefined();
    expect(digestOf('md5=:abc:')).toBeUndefined();
  });
});
