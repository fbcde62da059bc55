// GraphBuilder's bookkeeping: every tensor name produced once, read only after it is produced.

import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../../core/common/onnx/graph-builder';
import { DataType } from '../../../../core/common/onnx/proto';

describe('GraphBuilder', () => {
  it('refuses duplicate names, unknown inputs and unproduced outputs', () => {
    const g = new GraphBuilder();
    const x = g.input('x', DataType.float, ['batch', 2]);
    expect(() => g.float('x', [1], [0])).toThrow(/already used/);
    expect(() => g.node('Relu', ['nope'], ['y'])).toThrow(/nothing produces/);
    g.node('Relu', [x], ['y']);
    g.output('z', DataType.float, ['batch', 2]);
    expect(() => g.build('g')).toThrow(/"z" is never produced/);
  });
});
