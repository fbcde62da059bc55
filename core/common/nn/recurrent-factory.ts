// Builds a recurrent layer from its cell name (as in specs, checkpoints and the reference fixtures).

import type { CellName } from './recurrent-cell';
import type { RecurrentConfig, RecurrentLayer } from './recurrent';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { RNN } from './rnn';

export function createRecurrentLayer(cell: CellName, config: RecurrentConfig): RecurrentLayer {
  switch (cell) {
    case 'rnn_tanh':
      return new RNN({ ...config, nonlinearity: 'tanh' });
    case 'rnn_relu':
      return new RNN({ ...config, nonlinearity: 'relu' });
    case 'lstm':
      return new LSTM(config);
    case 'gru':
      return new GRU(config);
  }
}
