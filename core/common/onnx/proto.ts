// ONNX protobuf helpers over `onnx-proto` (protobufjs-generated from onnx v1.10.2): tensors,
// attributes, nodes and value infos as plain message objects, and model encode / decode.
//
// `onnx-proto` is CommonJS whose `module.exports` is `{ onnx }`. Node's ESM loader cannot see that
// as a named export, so the package is taken as its default export (what Node, Vite and vitest all
// give for a CommonJS module) and the namespace is read from it once here.

import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';

export type { onnx };

/** The generated message classes (`ModelProto.encode`, `TensorProto.DataType`, …). */
export const proto: typeof onnx = onnxProto.onnx;

/** TensorProto.DataType values used by SeqLab graphs (onnx.proto3: FLOAT = 1, INT32 = 6, INT64 = 7). */
export const DataType = {
  float: 1,
  int32: 6,
  int64: 7,
} as const satisfies Record<string, onnx.TensorProto.DataType>;

export type ElemType = (typeof DataType)[keyof typeof DataType];

/** A dimension of a graph input / output: a fixed size or a symbolic name (dynamic axis, e.g. "batch"). */
export type Dim = number | string;

/**
 * A float32 initializer stored as `raw_data`: little-endian bytes per the ONNX spec, written
 * through a DataView so the file does not depend on the host's byte order.
 * @param dims the tensor's shape; `values.length` must equal its product
 */
export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): onnx.ITensorProto {
  checkCount('floatTensor', name, dims, values.length);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return { name, dims: [...dims], dataType: DataType.float, rawData: bytes };
}

/** An int64 initializer (small index / shape constants) stored as little-endian `raw_data`. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): onnx.ITensorProto {
  checkCount('int64Tensor', name, dims, values.length);
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    if (!Number.isSafeInteger(v)) throw new Error(`int64Tensor: ${name}[${i}] must be a safe integer, got ${v}`);
    view.setBigInt64(i * 8, BigInt(v), true);
  });
  return { name, dims: [...dims], dataType: DataType.int64, rawData: bytes };
}

function checkCount(where: string, name: string, dims: readonly number[], count: number): void {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (count !== expected) throw new Error(`${where}: ${name} has shape [${dims.join(', ')}] (${expected} values) but got ${count}`);
}

/** Node attributes (AttributeProto); `type` must be set for onnx.checker and onnxruntime. */
export const attr = {
  int(name: string, i: number): onnx.IAttributeProto {
    return { name, type: proto.AttributeProto.AttributeType.INT, i };
  },
  ints(name: string, ints: readonly number[]): onnx.IAttributeProto {
    return { name, type: proto.AttributeProto.AttributeType.INTS, ints: [...ints] };
  },
  float(name: string, f: number): onnx.IAttributeProto {
    return { name, type: proto.AttributeProto.AttributeType.FLOAT, f };
  },
  string(name: string, s: string): onnx.IAttributeProto {
    return { name, type: proto.AttributeProto.AttributeType.STRING, s: utf8(s) };
  },
  strings(name: string, strings: readonly string[]): onnx.IAttributeProto {
    return { name, type: proto.AttributeProto.AttributeType.STRINGS, strings: strings.map(utf8) };
  },
};

/**
 * One NodeProto of the default ("ai.onnx") domain.
 * @param inputs tensor names; '' marks an omitted optional input (ONNX IR "Optional inputs")
 */
export function makeNode(
  opType: string,
  name: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: readonly onnx.IAttributeProto[] = [],
): onnx.INodeProto {
  return { opType, name, input: [...inputs], output: [...outputs], attribute: [...attributes] };
}

/** A typed graph input / output. String dims become `dim_param` (dynamic), numbers `dim_value`. */
export function makeValueInfo(name: string, elemType: ElemType, dims: readonly Dim[], docString = ''): onnx.IValueInfoProto {
  const dim = dims.map((d): onnx.TensorShapeProto.IDimension => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, docString, type: { tensorType: { elemType, shape: { dim } } } };
}

export function encodeModel(model: onnx.IModelProto): Uint8Array {
  return proto.ModelProto.encode(model).finish();
}

export function decodeModel(bytes: Uint8Array): onnx.ModelProto {
  return proto.ModelProto.decode(bytes);
}

/** `metadata_props` of an encoded model as a plain object (later duplicates win, as in onnxruntime). */
export function readMetadata(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of decodeModel(bytes).metadataProps) out[entry.key ?? ''] = entry.value ?? '';
  return out;
}

/**
 * UTF-8 bytes of a string (attribute strings are `bytes` in onnx.proto). Written out because
 * core/common has no TextEncoder in its ES-only lib.
 */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!; // for…of yields whole, non-empty code points
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}
