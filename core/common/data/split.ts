// Which part of a dataset an example belongs to. Series-backed tasks (forecasting, language modelling)
// cut their data into time-ordered regions so no window crosses from training into held-out data;
// i.i.d. generators draw fresh examples for every split.
export type Split = 'train' | 'validation' | 'test';
