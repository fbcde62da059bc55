// Collects the nodes, initializers, inputs and outputs of one ONNX graph while the exporter walks
// the model, and refuses duplicate tensor names (ONNX requires every tensor name to be produced once).

import type { Dim, ElemType, onnx } from './proto';
import { floatTensor, int64Tensor, makeNode, makeValueInfo } from './proto';

export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();

  /** Declares a graph input; returns its name for use as a node input. */
  input(name: string, elemType: ElemType, dims: readonly Dim[], docString = ''): string {
    this.claim(name);
    this.inputs.push(makeValueInfo(name, elemType, dims, docString));
    return name;
  }

  /** Declares a graph output, which some node must produce under the same name. */
  output(name: string, elemType: ElemType, dims: readonly Dim[], docString = ''): void {
    this.outputs.push(makeValueInfo(name, elemType, dims, docString));
  }

  /** A float32 constant weight; returns its name. */
  float(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    this.claim(name);
    this.initializers.push(floatTensor(name, dims, values));
    return name;
  }

  /** An int64 constant (shapes, slice bounds); returns its name. */
  int64(name: string, dims: readonly number[], values: readonly number[]): string {
    this.claim(name);
    this.initializers.push(int64Tensor(name, dims, values));
    return name;
  }

  /**
   * Adds a node; its non-empty outputs become known tensor names. The node is named after its
   * first output so that error messages from onnxruntime point at a recognisable tensor.
   * @returns the node's first output name
   */
  node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly onnx.IAttributeProto[] = []): string {
    for (const name of inputs) {
      if (name !== '' && !this.names.has(name)) throw new Error(`GraphBuilder.node: ${opType} reads "${name}", which nothing produces yet`);
    }
    for (const name of outputs) if (name !== '') this.claim(name);
    const first = outputs[0] ?? '';
    this.nodes.push(makeNode(opType, `${opType}:${first}`, inputs, outputs, attributes));
    return first;
  }

  build(name: string, docString = ''): onnx.IGraphProto {
    for (const out of this.outputs) {
      if (!this.names.has(out.name ?? '')) throw new Error(`GraphBuilder.build: output "${out.name}" is never produced`);
    }
    return { name, docString, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }

  private claim(name: string): void {
    if (name === '') throw new Error('GraphBuilder: tensor names must not be empty');
    if (this.names.has(name)) throw new Error(`GraphBuilder: tensor name "${name}" is already used`);
    this.names.add(name);
  }
}
