// Display formatting for the gate-layout view: each recurrent stack of a model (a sequence model's layers, an
// encoder–decoder's encoder and decoder cell) titled, its parameters grouped by layer and direction, each gate
// block of a parameter as a row with its PyTorch rows beside the ONNX block they are copied to.
import type { GateStack } from '../../../core/common/api/entities';

type Parameter = GateStack['parameters'][number];

const SINGULAR = { rows: 'row', entries: 'entry' } as const;

/** Half-open [start, end) as "rows 0–3" (inclusive, as people count), or "row 4" for one. */
export function rowRange(start: number, end: number, unit: keyof typeof SINGULAR = 'rows'): string {
  return end - start === 1 ? `${SINGULAR[unit]} ${start}` : `${unit} ${start}–${end - 1}`;
}

/** A tensor shape as "[16, 2]"; an unknown size shows as `unknown` ("[16, I]"). */
export function formatShape(shape: readonly (number | null)[], unknown = 'I'): string {
  return `[${shape.map((d) => (d === null ? unknown : String(d))).join(', ')}]`;
}

/** "Layer 0", "Layer 1 (reverse)". */
export function layerTitle(layer: number, direction: number): string {
  return `Layer ${layer}${direction === 1 ? ' (reverse)' : ''}`;
}

export interface GateLayoutGroup {
  readonly key: string;
  readonly title: string;
  readonly parameters: readonly Parameter[];
}

/**
 * Parameters by layer and direction, in PyTorch's order (forward before reverse). Keys are `layer:direction`,
 * prefixed by the stack's name for an encoder–decoder's stacks (`encoder-0:0`, `decoder-0:0`).
 */
export function groupByLayer(stack: GateStack): GateLayoutGroup[] {
  const groups: GateLayoutGroup[] = [];
  const prefix = stack.name === 'stack' ? '' : `${stack.name}-`;
  for (const p of stack.parameters) {
    const key = `${prefix}${p.layer}:${p.direction}`;
    const last = groups[groups.length - 1];
    if (last?.key === key) (last.parameters as Parameter[]).push(p);
    else groups.push({ key, title: stack.name === 'decoder' ? 'Decoder cell' : layerTitle(p.layer, p.direction), parameters: [p] });
  }
  return groups;
}

const GRAPH = { model: 'the model graph', encoder: 'the encoder graph', step: 'the decoder-step graph' } as const;

/** "Encoder · GRU · 2 layers × H = 24 · bidirectional · in the encoder graph", "Decoder cell · LSTM · H = 48 · reads 60 · in the decoder-step graph". */
export function stackTitle(stack: GateStack): string {
  const cell = stack.cell.toUpperCase();
  if (stack.name === 'decoder')
    return `Decoder cell · ${cell} · H = ${stack.hiddenSize}${stack.inputSize === null ? '' : ` · reads ${stack.inputSize}`} · in ${GRAPH[stack.graph]}`;
  const layers = `${stack.numLayers} layer${stack.numLayers === 1 ? '' : 's'} × H = ${stack.hiddenSize}${stack.bidirectional ? ' · bidirectional' : ''}`;
  return `${stack.name === 'encoder' ? 'Encoder' : 'Recurrent layers'} · ${cell} · ${layers} · in ${GRAPH[stack.graph]}`;
}

export interface GateRowPair {
  /** Gate block j of the PyTorch parameter, in the layers' order. */
  readonly seqlab: { readonly gate: string; readonly name: string; readonly rows: string };
  /** Block j of the ONNX tensor, in ONNX's order: where it sits, and which PyTorch rows fill it. */
  readonly onnx: { readonly gate: string; readonly name: string; readonly slice: string; readonly from: string };
}

/**
 * Block j of both orders side by side. Bias blocks are columns of B [D, 2G]; weight blocks are rows of
 * W / R [D, G, ·]; both are indexed as `tensor[direction, a–b]`.
 */
export function sideBySide(p: Parameter): GateRowPair[] {
  const unit = p.kind.startsWith('bias') ? 'entries' : 'rows';
  return p.seqlab.map((block, j) => {
    const onnx = p.onnx.blocks[j];
    if (onnx === undefined) throw new Error(`sideBySide: ${p.parameter} has ${p.seqlab.length} PyTorch blocks but ${p.onnx.blocks.length} ONNX blocks`);
    return {
      seqlab: { gate: block.gate, name: block.name, rows: rowRange(block.start, block.end, unit) },
      onnx: {
        gate: onnx.onnxGate,
        name: onnx.name,
        slice: `${p.onnx.tensor}[${onnx.direction}, ${onnx.start}–${onnx.end - 1}]`,
        from: rowRange(onnx.from.start, onnx.from.end, unit),
      },
    };
  });
}

/** "i f g o → i o f c": the two gate orders in one line. */
export function gateOrders(layout: Pick<GateStack, 'seqlabOrder' | 'onnxOrder'>): string {
  return `${layout.seqlabOrder.join(' ')} → ${layout.onnxOrder.join(' ')}`;
}
