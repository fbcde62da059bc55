// The app icons in resources/, parsed back: each PNG's chunks and CRCs (checked with Node's own zlib.crc32), its size
// and pixels; the ICO's directory and the ICNS's chunks, each pointing at a PNG of the size it claims. The small
// sizes are redrawn and compared pixel for pixel, so the files cannot drift from make-icons.ts unnoticed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, drawMark, ICNS_TYPES, PNG_SIGNATURE } from '../../../../core/node/tools/icon-files';

const RESOURCES = resolve(import.meta.dirname, '../../../../resources');
const read = (path: string) => readFileSync(resolve(RESOURCES, path));

/** A PNG's size and RGBA pixels, every chunk's CRC checked; only what encodePng writes (8-bit RGBA, filter 0) is read. */
function decodePng(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(bytes.subarray(0, 8).equals(Buffer.from(PNG_SIGNATURE))).toBe(true);
  let at = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  const types: string[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(zlibCrc32(bytes.subarray(at + 4, at + 8 + length)));
    types.push(type);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const raw = inflateSync(Buffer.concat(data));
  expect(raw.length).toBe(height * (width * 4 + 1));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)], `row ${y} filter`).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

const pixel = (image: { width: number; pixels: Buffer }, x: number, y: number) => [
  ...image.pixels.subarray((y * image.width + x) * 4, (y * image.width + x + 1) * 4),
];

describe('app icons', () => {
  it('our CRC-32 is zlib’s', () => {
    for (const text of ['', 'IEND', 'The quick brown fox']) expect(crc32(Buffer.from(text))).toBe(zlibCrc32(Buffer.from(text)));
  });

  it('icon.png (Linux) is a 512 px RGBA PNG of the mark: transparent corners, the blue square, a time step in orange', () => {
    const png = decodePng(read('icon.png'));
    expect([png.width, png.height]).toEqual([512, 512]);
    expect(pixel(png, 0, 0)[3]).toBe(0);
    expect(pixel(png, 256, 470)).toEqual([0x1f, 0x3a, 0x5f, 255]);
    // the middle time step sits at x = 0.5, y = 0.5 − 0.17·sin(1.25π) of the side
    expect(pixel(png, 256, Math.round(512 * (0.5 - 0.17 * Math.sin(1.25 * Math.PI))))).toEqual([0xf0, 0xa5, 0x00, 255]);
    expect(read('icons/512x512.png').equals(read('icon.png'))).toBe(true);
    expect([decodePng(read('icons/256x256.png')).width, decodePng(read('icons/256x256.png')).height]).toEqual([256, 256]);
  });

  it('icon.ico (Windows) lists 256, 64, 48, 32 and 16 px PNGs, each where its entry points', () => {
    const ico = read('icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 5]);
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const entry = ico.subarray(6 + 16 * i, 22 + 16 * i);
      const size = entry[0] === 0 ? 256 : (entry[0] as number);
      expect(entry[1]).toBe(entry[0]);
      expect(entry.readUInt16LE(6)).toBe(32);
      const png = decodePng(ico.subarray(entry.readUInt32LE(12), entry.readUInt32LE(12) + entry.readUInt32LE(8)));
      expect([png.width, png.height]).toEqual([size, size]);
      if (size <= 48) expect(png.pixels.equals(Buffer.from(drawMark(size).pixels)), `${size} px matches the mark`).toBe(true);
      sizes.push(size);
    }
    expect(sizes).toEqual([256, 64, 48, 32, 16]);
  });

  it('icon.icns (macOS) holds PNGs from 16 to 512 px under their types, its length the file’s', () => {
    const icns = read('icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const type = icns.toString('ascii', at, at + 4);
      const png = decodePng(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
      expect(ICNS_TYPES[png.width], type).toBe(type);
      found.push(type);
    }
    expect(found).toEqual(['ic09', 'ic08', 'ic07', 'icp6', 'icp5', 'icp4']);
  });
});
