// SeqLab's app icon, drawn and encoded without an image library: the mark (a sine wave through three time steps on a
// rounded square) as RGBA pixels, PNG (RFC 2083: signature, IHDR, one zlib IDAT of filter-0 rows, IEND, each chunk
// with its CRC-32), ICO (a directory of PNG images, as Windows Vista and later read) and ICNS (Apple's container:
// 'icns', total length, then typed chunks of PNG data). make-icons.ts writes them to resources/.
import { deflateSync } from 'node:zlib';

/** Pixels, row by row from the top, 4 bytes each (R, G, B, A), not premultiplied. */
export interface Rgba {
  size: number;
  pixels: Uint8Array;
}

const BACKGROUND = [0x1f, 0x3a, 0x5f] as const;
const WAVE = [0xff, 0xff, 0xff] as const;
const STEP = [0xf0, 0xa5, 0x00] as const;

/** The mark at `size` × `size` pixels, antialiased by each pixel's distance to the shapes' edges. */
export function drawMark(size: number): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  const s = size;
  const margin = 0.06 * s;
  const corner = 0.2 * s;
  // The wave y(t) = 0.5 − 0.17·sin(2π·1.25·t) over x = 0.17…0.83 of the side, sampled finely for distances.
  const wave = Array.from({ length: 400 }, (_, i) => {
    const t = i / 399;
    return [s * (0.17 + 0.66 * t), s * (0.5 - 0.17 * Math.sin(2 * Math.PI * 1.25 * t))] as const;
  });
  const steps = [0.12, 0.5, 0.88].map((t) => [s * (0.17 + 0.66 * t), s * (0.5 - 0.17 * Math.sin(2 * Math.PI * 1.25 * t))] as const);
  const waveRadius = 0.035 * s;
  const stepRadius = 0.075 * s;
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      // rounded square: signed distance to its edge (negative inside)
      const qx = Math.max(Math.abs(px - s / 2) - (s / 2 - margin - corner), 0);
      const qy = Math.max(Math.abs(py - s / 2) - (s / 2 - margin - corner), 0);
      const square = coverage(Math.hypot(qx, qy) - corner);
      let waveDistance = Infinity;
      for (const [wx, wy] of wave) waveDistance = Math.min(waveDistance, Math.hypot(px - wx, py - wy));
      let stepDistance = Infinity;
      for (const [cx, cy] of steps) stepDistance = Math.min(stepDistance, Math.hypot(px - cx, py - cy));
      const onWave = coverage(waveDistance - waveRadius);
      const onStep = coverage(stepDistance - stepRadius);
      const color = [0, 1, 2].map((c) => {
        const under = BACKGROUND[c]! * (1 - onWave) + WAVE[c]! * onWave;
        return under * (1 - onStep) + STEP[c]! * onStep;
      });
      const at = (y * s + x) * 4;
      pixels[at] = Math.round(color[0]!);
      pixels[at + 1] = Math.round(color[1]!);
      pixels[at + 2] = Math.round(color[2]!);
      pixels[at + 3] = Math.round(255 * square);
    }
  }
  return { size, pixels };
}

/** How much of a pixel a shape covers, from the signed distance of the pixel's centre to its edge (1 px ramp). */
function coverage(signedDistance: number): number {
  return Math.min(1, Math.max(0, 0.5 - signedDistance));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as PNG uses it). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const chunk = Buffer.alloc(4 + typed.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  typed.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typed), 4 + typed.length);
  return chunk;
}

/** An 8-bit RGBA PNG of `image`. */
export function encodePng(image: Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.size, 0);
  header.writeUInt32BE(image.size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filtering, no interlace
  const stride = image.size * 4;
  const raw = Buffer.alloc((stride + 1) * image.size);
  for (let y = 0; y < image.size; y++) raw.set(image.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1); // filter byte 0
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', new Uint8Array())]);
}

/** An ICO file holding each PNG as one image (sizes up to 256; 256 is written as 0 in the directory, per the format). */
export function encodeIco(images: readonly { size: number; png: Uint8Array }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    if (size > 256) throw new Error(`encodeIco: an icon image is at most 256 px, got ${size}`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size === 256 ? 0 : size, 0);
    entry.writeUInt8(size === 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

/** ICNS chunk types holding PNG data, by pixel size. */
export const ICNS_TYPES: Readonly<Record<number, string>> = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

/** An ICNS file holding each PNG under its size's type. */
export function encodeIcns(images: readonly { size: number; png: Uint8Array }[]): Buffer {
  const chunks = images.map(({ size, png }) => {
    const type = ICNS_TYPES[size];
    if (type === undefined) throw new Error(`encodeIcns: no ICNS type for ${size} px (${Object.keys(ICNS_TYPES).join(', ')})`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((total, chunk) => total + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

/** Every icon file of resources/ (path relative to it → bytes): Linux PNGs, the Windows ICO and the macOS ICNS. */
export function iconFiles(): Map<string, Buffer> {
  const png = new Map([16, 32, 48, 64, 128, 256, 512].map((size) => [size, encodePng(drawMark(size))] as const));
  const get = (size: number) => {
    const bytes = png.get(size);
    if (!bytes) throw new Error(`no ${size} px image`);
    return { size, png: bytes };
  };
  return new Map([
    ['icon.png', get(512).png],
    ['icons/256x256.png', get(256).png],
    ['icons/512x512.png', get(512).png],
    ['icon.ico', encodeIco([256, 64, 48, 32, 16].map(get))],
    ['icon.icns', encodeIcns([512, 256, 128, 64, 32, 16].map(get))],
  ]);
}
