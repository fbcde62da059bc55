// Runs our additive attention on a parsed reference fixture (tests/fixtures/torch/README.md, "Additive
// attention") and compares alpha, context and every gradient with the reference.
//
// Shapes: S source steps, B batch, Hq query size, He encoder output size, A attention size.

import type { Dtype } from './param';
import type { Kernels } from './kernels';
import type { AttentionFixture, FixtureTensor } from './fixture';
import type { FixtureComparison, TensorError } from './fixture-measure';
import { zeroGrads } from './param';
import { AdditiveAttention } from './additive-attention';
import { castTensor, compareTensor, largestError } from './fixture-measure';
import { at, mustGet } from '../checked-index';

/**
 * Builds the attention in `dtype`, loads W_q, W_k, b, v, runs the query, then backward with rctx and
 * ralpha as the upstream gradients; masked alpha and grad.enc entries must be exactly 0.
 */
export function compareAttentionFixture(f: AttentionFixture, dtype: Dtype, kernels?: Kernels): FixtureComparison {
  const { srcLen: S, batch: B, encSize: He } = f;
  const attention = new AdditiveAttention({ querySize: f.querySize, encSize: He, attnSize: f.attnSize, dtype, kernels });
  const where = `compareAttentionFixture(${f.name})`;
  for (const p of attention.params) p.data.set(mustGet(f.params, p.name, `${where} parameters`).data);
  zeroGrads(attention.params);

  const fwd = attention.forward(castTensor(f.enc, dtype), castTensor(f.q, dtype), S, B, f.lengths);
  const alpha = Float64Array.from(fwd.alpha);
  const errors: TensorError[] = [compareTensor('alpha', alpha, f.alpha), compareTensor('context', fwd.context, f.context)];
  const bwd = attention.backward({ dContext: castTensor(f.rctx, dtype), dAlpha: castTensor(f.ralpha, dtype) });
  const refGrad = (name: string): FixtureTensor => mustGet(f.grad, name, `${where} reference gradients`);
  for (const p of attention.params) errors.push(compareTensor(`grad.${p.name}`, p.grad, refGrad(p.name)));
  errors.push(compareTensor('grad.q', bwd.dq, refGrad('q')));
  errors.push(compareTensor('grad.enc', bwd.dEnc, refGrad('enc')));

  let paddingLeak = 0;
  let masked = false;
  for (let s = 0; s < S; s++) {
    for (let b = 0; b < B; b++) {
      if (s < at(f.lengths, b, `${where} lengths`)) continue;
      masked = true;
      paddingLeak = Math.max(paddingLeak, Math.abs(alpha[s * B + b]!));
      for (let j = 0; j < He; j++) paddingLeak = Math.max(paddingLeak, Math.abs(bwd.dEnc[(s * B + b) * He + j]!));
    }
  }
  const title = `additive attention, Hq=${f.querySize} He=${He} A=${f.attnSize} S=${S} B=${B}, lengths [${f.lengths.join(', ')}]`;
  return { fixture: f, title, dtype, errors, paddingChecked: masked ? 'alpha and grad.enc at masked steps' : null, paddingLeak, maxRel: largestError(errors) };
}
