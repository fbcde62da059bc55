// The safetensors format (huggingface/safetensors): a writer for float32 tensors and a reader of
// what it wrote (and of any F32 file), pure bytes in and out — the file itself is written in core/node.
//
// Layout (the format's spec, README "Format"):
//   bytes 0–7     N, the header's length, uint64 little-endian
//   bytes 8…8+N   header: a JSON object { name: { dtype, shape, data_offsets: [begin, end] }, …,
//                 "__metadata__": { string: string } }, padded with spaces so the data starts 8-aligned
//   then          the data: every tensor's values, little-endian, row-major, back to back
// `data_offsets` count bytes from the start of the data section. The header is written ASCII-only
// (other characters as \uXXXX escapes, still valid JSON) so the writer needs no UTF-8 encoder.

import type { FloatArray } from '../nn/param';

export interface NamedTensor {
  readonly name: string;
  /** Row-major shape; the product must equal data.length. */
  readonly shape: readonly number[];
  /** float64 values are rounded to float32. */
  readonly data: FloatArray;
}

export interface SafetensorsEntry {
  readonly dtype: string;
  readonly shape: readonly number[];
  /** [begin, end) in bytes from the start of the data section. */
  readonly dataOffsets: readonly [number, number];
}

export interface SafetensorsHeader {
  /** Tensors in header order. */
  readonly tensors: ReadonlyMap<string, SafetensorsEntry>;
  readonly metadata: Readonly<Record<string, string>>;
  /** Byte offset of the data section in the file: 8 + N. */
  readonly dataStart: number;
}

const METADATA = '__metadata__';

/** Encodes float32 tensors (in the given order) and string metadata into the bytes of a .safetensors file. */
export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA] = { ...metadata };
  let offset = 0;
  for (const t of tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (!t.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`encodeSafetensors: ${t.name} has an invalid shape [${t.shape.join(', ')}]`);
    if (n !== t.data.length) throw new Error(`encodeSafetensors: ${t.name} has shape [${t.shape.join(', ')}] (${n} values) but ${t.data.length} values`);
    if (t.name === METADATA || Object.hasOwn(header, t.name)) throw new Error(`encodeSafetensors: tensor name "${t.name}" is reserved or repeated`);
    header[t.name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  const json = JSON.stringify(header).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  for (let i = 0; i < headerLength; i++) bytes[8 + i] = i < json.length ? json.charCodeAt(i) : 0x20;
  let at = 8 + headerLength;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++, at += 4) view.setFloat32(at, t.data[i]!, true);
  }
  return bytes;
}

/** Reads and checks the header; throws naming what is wrong (a caller reading a bad file turns it into a result). */
export function readSafetensorsHeader(bytes: Uint8Array): SafetensorsHeader {
  const where = 'readSafetensorsHeader';
  if (bytes.byteLength < 8) throw new Error(`${where}: ${bytes.byteLength} bytes is too short for a safetensors file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(bytes.byteLength - 8)) throw new Error(`${where}: the header claims ${n} bytes but the file has ${bytes.byteLength - 8} after the length`);
  const dataStart = 8 + Number(n);
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(bytes.subarray(8, dataStart)));
  } catch (e) {
    throw new Error(`${where}: the header is not JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${where}: the header is not a JSON object`);
  const dataBytes = bytes.byteLength - dataStart;
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === METADATA) {
      metadata = value as Record<string, string>;
      continue;
    }
    const e = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const shape = e.shape;
    const offsets = e.data_offsets;
    if (typeof e.dtype !== 'string' || !Array.isArray(shape) || !Array.isArray(offsets) || offsets.length !== 2) {
      throw new Error(`${where}: tensor "${name}" needs dtype, shape and data_offsets [begin, end]`);
    }
    if (!shape.every((d): d is number => Number.isInteger(d) && d >= 0)) {
      throw new Error(`${where}: tensor "${name}" has shape ${JSON.stringify(shape)}; every dimension must be a non-negative integer`);
    }
    const [begin, end] = offsets as [number, number];
    if (!(Number.isInteger(begin) && Number.isInteger(end) && begin >= 0 && begin <= end && end <= dataBytes)) {
      throw new Error(`${where}: tensor "${name}" has data_offsets [${begin}, ${end}] outside the ${dataBytes} data bytes`);
    }
    tensors.set(name, { dtype: e.dtype, shape, dataOffsets: [begin, end] });
  }
  return { tensors, metadata, dataStart };
}

/** Every F32 tensor of a file, by name, as float32 values (copied, so the file's alignment does not matter). */
export function decodeSafetensors(bytes: Uint8Array): {
  tensors: Map<string, { shape: readonly number[]; data: Float32Array }>;
  metadata: Readonly<Record<string, string>>;
} {
  const header = readSafetensorsHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tensors = new Map<string, { shape: readonly number[]; data: Float32Array }>();
  for (const [name, entry] of header.tensors) {
    if (entry.dtype !== 'F32') throw new Error(`decodeSafetensors: tensor "${name}" is ${entry.dtype}; only F32 is read`);
    const [begin, end] = entry.dataOffsets;
    const n = entry.shape.reduce((a, b) => a * b, 1);
    if (end - begin !== 4 * n)
      throw new Error(`decodeSafetensors: tensor "${name}" [${entry.shape.join(', ')}] needs ${4 * n} bytes, its offsets span ${end - begin}`);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = view.getFloat32(header.dataStart + begin + 4 * i, true);
    tensors.set(name, { shape: entry.shape, data });
  }
  return { tensors, metadata: header.metadata };
}

/** UTF-8 bytes → string (core/common has no TextDecoder); invalid sequences become U+FFFD. */
function decodeUtf8(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (extra < 0 || i + extra >= bytes.length) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
    out += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return out;
}
