// The binary form of a training checkpoint (what the store keeps as a blob and workers pass as a
// transferable buffer): a session checkpoint plus a small JSON `extra` (the run loop's own state).
//
// Layout, in the spirit of safetensors — a JSON header that says where every array lies, then the raw bytes:
//   bytes 0–3    magic "SLCK"
//   bytes 4–7    format version, uint32 little-endian (CHECKPOINT_FORMAT_VERSION)
//   bytes 8–11   header length N in bytes, uint32 little-endian
//   bytes 12…    header: JSON, ASCII only (other characters written as \uXXXX escapes)
//   then         data: every array's values, little-endian, back to back
// In the header each array is `{ dtype, offset, length }` with `offset` in bytes from the start of the
// data section. The same checkpoint always encodes to the same bytes (keys keep insertion order).
import type { FloatArray } from '../nn/param';
import type { RngState } from '../random/rng';
import type { OptimizerKind, OptimizerState, ParamSlotState } from './optim/optimizer';
import type { SessionCheckpoint } from './run-session';

export const CHECKPOINT_FORMAT_VERSION = 1;
const MAGIC = [0x53, 0x4c, 0x43, 0x4b]; // "SLCK"
const PREAMBLE_BYTES = 12;
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type ArrayDtype = 'float32' | 'float64';
interface ArrayRef {
  dtype: ArrayDtype;
  offset: number;
  length: number;
}
interface Header {
  step: number;
  dataRng: RngState;
  dropoutRng: RngState;
  params: Record<string, ArrayRef>;
  optimizer: { kind: OptimizerKind; slots: Record<string, { step: number; buffers: Record<string, ArrayRef> }> };
  extra: unknown;
}

export interface DecodedCheckpoint {
  readonly checkpoint: SessionCheckpoint;
  /** The JSON value passed to encodeCheckpoint (null when none was). */
  readonly extra: unknown;
}

/**
 * Encodes a checkpoint and a JSON-safe `extra` value (no NaN/Infinity: JSON has none) into one
 * buffer. The result owns its ArrayBuffer exactly, so it can be transferred with postMessage.
 */
export function encodeCheckpoint(checkpoint: SessionCheckpoint, extra: unknown = null): Uint8Array {
  const arrays: FloatArray[] = [];
  let dataBytes = 0;
  const place = (values: FloatArray): ArrayRef => {
    const ref: ArrayRef = { dtype: values instanceof Float64Array ? 'float64' : 'float32', offset: dataBytes, length: values.length };
    arrays.push(values);
    dataBytes += values.byteLength;
    return ref;
  };
  const params: Header['params'] = {};
  for (const [name, values] of Object.entries(checkpoint.params)) params[name] = place(values);
  const slots: Header['optimizer']['slots'] = {};
  for (const [name, slot] of Object.entries(checkpoint.optimizer.slots)) {
    const buffers: Record<string, ArrayRef> = {};
    for (const [bufferName, values] of Object.entries(slot.buffers)) buffers[bufferName] = place(values);
    slots[name] = { step: slot.step, buffers };
  }
  const header: Header = {
    step: checkpoint.step,
    dataRng: checkpoint.dataRng,
    dropoutRng: checkpoint.dropoutRng,
    params,
    optimizer: { kind: checkpoint.optimizer.kind, slots },
    extra: extra ?? null,
  };
  const headerBytes = asciiBytes(JSON.stringify(header));
  const out = new Uint8Array(PREAMBLE_BYTES + headerBytes.length + dataBytes);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, CHECKPOINT_FORMAT_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE_BYTES);
  let at = PREAMBLE_BYTES + headerBytes.length;
  for (const values of arrays) {
    writeLittleEndian(out, at, values);
    at += values.byteLength;
  }
  return out;
}

/** Decodes what encodeCheckpoint wrote; the arrays are copies, so `bytes` may be reused afterwards. */
export function decodeCheckpoint(bytes: Uint8Array): DecodedCheckpoint {
  const fail = (why: string): never => {
    throw new Error(`decodeCheckpoint: ${why} (${bytes.length} bytes); the checkpoint is damaged or not a SeqLab checkpoint`);
  };
  if (bytes.length < PREAMBLE_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) fail('the data does not start with "SLCK"');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== CHECKPOINT_FORMAT_VERSION) fail(`format version ${version} is not ${CHECKPOINT_FORMAT_VERSION}, the one this SeqLab reads`);
  const headerLength = view.getUint32(8, true);
  const dataStart = PREAMBLE_BYTES + headerLength;
  if (dataStart > bytes.length) fail(`the header claims ${headerLength} bytes`);
  let header: Header;
  try {
    header = JSON.parse(asciiString(bytes.subarray(PREAMBLE_BYTES, dataStart))) as Header;
  } catch {
    return fail('the header is not valid JSON');
  }
  const read = (ref: ArrayRef, where: string): FloatArray => {
    const width = ref?.dtype === 'float64' ? 8 : ref?.dtype === 'float32' ? 4 : fail(`${where} has an unknown dtype`);
    if (!Number.isInteger(ref.offset) || !Number.isInteger(ref.length) || ref.offset < 0 || ref.length < 0) fail(`${where} has an invalid offset or length`);
    const from = dataStart + ref.offset;
    if (from + ref.length * width > bytes.length) fail(`${where} lies beyond the end`);
    return readLittleEndian(bytes, from, ref.length, ref.dtype);
  };
  const params: Record<string, Float32Array> = {};
  for (const [name, ref] of Object.entries(header.params ?? fail('the header has no params'))) {
    const values = read(ref, `parameter ${name}`);
    params[name] = values instanceof Float32Array ? values : fail(`parameter ${name} is not float32`);
  }
  const slots: Record<string, ParamSlotState> = {};
  for (const [name, slot] of Object.entries(header.optimizer?.slots ?? fail('the header has no optimizer state'))) {
    const buffers: Record<string, FloatArray> = {};
    for (const [bufferName, ref] of Object.entries(slot.buffers)) buffers[bufferName] = read(ref, `optimizer buffer ${name}.${bufferName}`);
    slots[name] = { step: slot.step, buffers };
  }
  const optimizer: OptimizerState = { kind: header.optimizer.kind, slots };
  const checkpoint: SessionCheckpoint = { step: header.step, params, optimizer, dataRng: header.dataRng, dropoutRng: header.dropoutRng };
  return { checkpoint, extra: header.extra ?? null };
}

function writeLittleEndian(out: Uint8Array, at: number, values: FloatArray): void {
  if (HOST_IS_LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + at, values.byteLength);
  const width = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < values.length; i++) {
    if (width === 8) view.setFloat64(i * 8, values[i]!, true);
    else view.setFloat32(i * 4, values[i]!, true);
  }
}

function readLittleEndian(bytes: Uint8Array, from: number, length: number, dtype: ArrayDtype): FloatArray {
  const out = dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
  const source = bytes.subarray(from, from + out.byteLength);
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(source);
    return out;
  }
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  for (let i = 0; i < length; i++) out[i] = dtype === 'float64' ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  return out;
}

/** JSON text as ASCII bytes; other characters become \uXXXX escapes, which JSON.parse reads back (core/common has no TextEncoder). */
function asciiBytes(json: string): Uint8Array {
  const ascii = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const out = new Uint8Array(ascii.length);
  for (let i = 0; i < ascii.length; i++) out[i] = ascii.charCodeAt(i);
  return out;
}

function asciiString(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 8192; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return text;
}
