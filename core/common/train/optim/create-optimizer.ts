// Builds an optimiser from a plain, JSON-serialisable config (what an experiment spec stores).

import { Adagrad } from './adagrad';
import type { AdagradOptions } from './adagrad';
import { Adam, AdamW } from './adam';
import type { AdamOptions } from './adam';
import { RmsProp } from './rmsprop';
import type { RmsPropOptions } from './rmsprop';
import { Sgd } from './sgd';
import type { SgdOptions } from './sgd';
import type { Optimizer } from './optimizer';

export type OptimizerConfig =
  | ({ readonly kind: 'sgd' } & SgdOptions)
  | ({ readonly kind: 'adam' } & AdamOptions)
  | ({ readonly kind: 'adamw' } & AdamOptions)
  | ({ readonly kind: 'rmsprop' } & RmsPropOptions)
  | ({ readonly kind: 'adagrad' } & AdagradOptions);

/** Options left out take PyTorch's defaults (see each optimiser's options). */
export function createOptimizer(config: OptimizerConfig): Optimizer {
  switch (config.kind) {
    case 'sgd':
      return new Sgd(config);
    case 'adam':
      return new Adam(config);
    case 'adamw':
      return new AdamW(config);
    case 'rmsprop':
      return new RmsProp(config);
    case 'adagrad':
      return new Adagrad(config);
    default: {
      const unknown: never = config;
      throw new Error(`createOptimizer: unknown kind '${(unknown as { kind: string }).kind}'`);
    }
  }
}
