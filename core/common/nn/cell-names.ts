// The recurrent cells SeqLab trains, defined once: the names specs, checkpoints, exports and the reference
// fixtures use, and how the interface and reports name each one. Everything else imports these.

export const CELL_NAMES = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'] as const;

export type CellName = (typeof CELL_NAMES)[number];

/** A cell as a person reads it (forms, model descriptions). */
export const CELL_LABELS: Readonly<Record<CellName, string>> = { rnn_tanh: 'RNN (tanh)', rnn_relu: 'RNN (ReLU)', lstm: 'LSTM', gru: 'GRU' };

/** The cell a spec (and the New run form) uses when it names none. */
export const DEFAULT_CELL: CellName = 'lstm';
