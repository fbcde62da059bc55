// `seqlab infer MODEL.onnx …`: runs an ONNX model exported from this database (its metadata and
// vocabulary travel with the export): describe it, predict on one input, generate text, forecast,
// translate with an encoder–decoder (its encoder and decoder-step graphs), or unroll a one-to-many model
// from a condition (its condition and decoder-step graphs).
import { resolve } from 'node:path';
import type { ModelInfo, Prediction, Translation, Unroll } from '../../common/api/entities';
import { parseCommand, parsePositiveInt, type CommandSpec } from './args';
import { withBackend, type CliApi } from './backend';
import { CliError, EXIT, usageError, writeJson, writeLine, type CliContext } from './context';
import { formatMetric, formatTable } from './format';

const SPEC: CommandSpec = {
  usage:
    'seqlab infer MODEL.onnx [--text T | --tokens A,B,… | --values JSON | --generate [--prompt P] [--length N] [--temperature X] [--top-k K] [--seed S] | --forecast N --values JSON | --translate SOURCE [--length N] [--temperature X] [--top-k K] [--seed S] | --condition LABEL|JSON [--length N] [--temperature X] [--top-k K] [--seed S]] [--db PATH] [--json]',
  options: {
    text: { type: 'string' },
    tokens: { type: 'string' },
    values: { type: 'string' },
    generate: { type: 'boolean' },
    prompt: { type: 'string' },
    length: { type: 'string' },
    temperature: { type: 'string' },
    'top-k': { type: 'string' },
    seed: { type: 'string' },
    forecast: { type: 'string' },
    translate: { type: 'string' },
    condition: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
};

const HELP = `Usage: seqlab infer MODEL.onnx [options]

Runs a model exported with \`seqlab export RUN --onnx MODEL.onnx\` from this database. With no option it
describes the model (what it reads and returns).
  --text T                predict on text (token and class models)
  --tokens A,B,…          predict on a comma-separated token sequence
  --values JSON           predict on [T, I] numbers, e.g. '[[0.5,1],[0.2,0]]' (dense models)
  --generate              generate text after --prompt P (default ''): --length N (200),
                          --temperature X (1; 0 is greedy), --top-k K, --seed S
  --forecast N            continue the series --values JSON by N steps (dense in and out)
  --translate SOURCE      run an encoder–decoder (MODEL.onnx is its encoder graph) on SOURCE: greedy, or
                          sampled with --temperature X (0 = greedy), --top-k K, --seed S; at most --length N
                          tokens (200); prints the output and, per output token, the source token it
                          attended to most
  --condition LABEL|JSON  unroll a one-to-many model (MODEL.onnx is its condition graph) from a class label,
                          or from feature values as JSON, e.g. '[0.5, 1]': --length N steps (50); token
                          outputs pick greedily, or sample with --temperature X, --top-k K, --seed S;
                          prints the value of every step (or the text)
  --json                  print { model } / { prediction } / { generation } / { forecast } / { translation } /
                          { unroll } as JSON
`;

export async function inferCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const s = command.strings;
  const modes = [s.text !== undefined, s.tokens !== undefined, command.flags.has('generate'), s.forecast !== undefined, s.translate !== undefined, s.condition !== undefined].filter(Boolean).length;
  if (modes > 1 || (s.values !== undefined && (s.text !== undefined || s.tokens !== undefined || s.translate !== undefined || s.condition !== undefined))) {
    throw usageError('give one input: --text, --tokens, --values, --generate, --forecast, --translate or --condition', SPEC.usage);
  }
  const path = resolve(ctx.cwd, command.positionals[0] as string);

  return withBackend(ctx, command.db, async (api) => {
    const exportId = await findExport(api, path);
    if (s.condition !== undefined) {
      const unroll = await api.call('models.unroll', {
        exportId,
        condition: parseCondition(s.condition),
        ...(s.length !== undefined ? { length: parsePositiveInt(s.length, '--length', SPEC.usage) } : {}),
        ...(s.temperature !== undefined ? { temperature: parseNumber(s.temperature, '--temperature') } : {}),
        ...(s['top-k'] !== undefined ? { topK: parsePositiveInt(s['top-k'], '--top-k', SPEC.usage) } : {}),
        ...(s.seed !== undefined ? { seed: parseNumber(s.seed, '--seed') } : {}),
      });
      if (command.json) writeJson(ctx.stdout, { unroll });
      else writeLine(ctx.stdout, describeUnroll(unroll));
    } else if (s.translate !== undefined) {
      const translation = await api.call('models.translate', {
        exportId,
        source: s.translate,
        ...(s.length !== undefined ? { maxLength: parsePositiveInt(s.length, '--length', SPEC.usage) } : {}),
        ...(s.temperature !== undefined ? { temperature: parseNumber(s.temperature, '--temperature') } : {}),
        ...(s['top-k'] !== undefined ? { topK: parsePositiveInt(s['top-k'], '--top-k', SPEC.usage) } : {}),
        ...(s.seed !== undefined ? { seed: parseNumber(s.seed, '--seed') } : {}),
      });
      if (command.json) writeJson(ctx.stdout, { translation });
      else writeLine(ctx.stdout, describeTranslation(translation));
    } else if (command.flags.has('generate')) {
      const generation = await api.call('models.generate', {
        exportId,
        prompt: s.prompt ?? '',
        ...(s.length !== undefined ? { length: parsePositiveInt(s.length, '--length', SPEC.usage) } : {}),
        ...(s.temperature !== undefined ? { temperature: parseNumber(s.temperature, '--temperature') } : {}),
        ...(s['top-k'] !== undefined ? { topK: parsePositiveInt(s['top-k'], '--top-k', SPEC.usage) } : {}),
        ...(s.seed !== undefined ? { seed: parseNumber(s.seed, '--seed') } : {}),
      });
      if (command.json) writeJson(ctx.stdout, { generation });
      else writeLine(ctx.stdout, `${s.prompt ?? ''}${generation.text}`);
    } else if (s.forecast !== undefined) {
      if (s.values === undefined) throw usageError('--forecast needs the series to continue: --values JSON', SPEC.usage);
      const forecast = await api.call('models.forecast', { exportId, values: parseRows(s.values), steps: parsePositiveInt(s.forecast, '--forecast', SPEC.usage) });
      if (command.json) writeJson(ctx.stdout, { forecast });
      else writeLine(ctx.stdout, formatTable(['STEP', ...forecast.featureNames], forecast.values.map((row, t) => [String(t + 1), ...row.map(formatMetric)]), [0]));
    } else if (s.text !== undefined || s.tokens !== undefined || s.values !== undefined) {
      const input = s.text !== undefined ? { text: s.text } : s.tokens !== undefined ? { tokens: s.tokens.split(',') } : { values: parseRows(s.values as string) };
      const prediction = await api.call('models.predict', { exportId, input });
      if (command.json) writeJson(ctx.stdout, { prediction });
      else writeLine(ctx.stdout, describePrediction(prediction));
    } else {
      const model = await api.call('models.describe', { exportId });
      if (command.json) writeJson(ctx.stdout, { model });
      else writeLine(ctx.stdout, describeModel(model, path));
    }
    return EXIT.ok;
  });
}

/** The newest ONNX export recorded at this path. */
async function findExport(api: CliApi, path: string): Promise<number> {
  const found = (await api.call('models.list', {})).find((e) => e.format === 'onnx' && e.path === path);
  if (!found) {
    throw new CliError(EXIT.usage, `${path} is not an ONNX model exported from ${api.databasePath}. Export one with \`seqlab export RUN --onnx ${path}\` (the database keeps its vocabulary and checks its hash).`);
  }
  return found.id;
}

function parseRows(text: string): number[][] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    rows = null;
  }
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number'))) {
    throw new CliError(EXIT.usage, `--values must be a JSON array of rows of numbers, one row per step, e.g. '[[0.5, 1], [0.2, 0]]'; got ${JSON.stringify(text)}.`);
  }
  return rows as number[][];
}

/** A class label as typed, or feature values as a JSON array of numbers ('[0.5, 1]'). */
function parseCondition(text: string): string | number[] {
  if (!text.trimStart().startsWith('[')) return text;
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    values = null;
  }
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'number')) {
    throw new CliError(EXIT.usage, `--condition must be a class label, or feature values as a JSON array of numbers, e.g. '[0.5, 1]'; got ${JSON.stringify(text)}.`);
  }
  return values as number[];
}

function parseNumber(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new CliError(EXIT.usage, `${flag} must be a number, got "${text}".`);
  return value;
}

function describePrediction(p: Prediction): string {
  if (p.readout === 'final-state' && p.rows.length === 1) {
    const row = p.rows[0] as number[];
    const ranked = p.outputNames.map((name, i) => [name, row[i] as number] as const).sort((a, b) => (p.predicted ? b[1] - a[1] : 0));
    const top = ranked.slice(0, 10).map(([name, value]) => [showSymbol(name), formatMetric(value)]);
    return `${p.predicted ? `Predicted: ${showSymbol(p.predicted[0] as string)}\n` : ''}${formatTable(['OUTPUT', 'VALUE'], top, [1])}`;
  }
  if (p.predicted) return `Predicted at each step:\n${p.predicted.map(showSymbol).join(' ')}`;
  return formatTable(['STEP', ...p.outputNames], p.rows.map((row, t) => [String(t + 1), ...row.map(formatMetric)]), [0]);
}

/** The output, whether it ended, and for each output token the source token it attended to most (with α). */
export function describeTranslation(t: Translation): string {
  const lines = [`${t.text}${t.finished ? '' : `  (stopped at ${t.tokens.length} tokens without <eos>)`}`];
  if (t.attention !== null) {
    const rows = t.tokens.map((token, i) => {
      const row = t.attention?.[i] ?? [];
      const s = row.reduce((best, w, j) => (w > (row[best] ?? -1) ? j : best), 0);
      return [showSymbol(token), showSymbol(t.sourceTokens[s] ?? '?'), String(s + 1), (row[s] ?? 0).toFixed(2)];
    });
    lines.push(formatTable(['OUTPUT', 'LOOKS AT', 'POS', 'α'], rows, [2, 3]));
  }
  return lines.join('\n');
}

/** The condition, then the value of every step (a table) or the text written. */
export function describeUnroll(u: Unroll): string {
  const condition = u.condition.kind === 'class' ? `class ${u.condition.label}` : `features [${u.condition.values.map(formatMetric).join(', ')}]`;
  if (u.values !== null) {
    return `From ${condition}, ${u.values.length} steps:\n${formatTable(['STEP', ...u.outputNames], u.values.map((row, t) => [String(t + 1), ...row.map(formatMetric)]), [0])}`;
  }
  const tokens = u.tokens ?? [];
  return `From ${condition}:\n${u.text ?? ''}${u.finished ? '' : `  (stopped at ${tokens.length} tokens without an end token)`}`;
}

/** A token made visible: spaces and control characters as JSON escapes in quotes. */
function showSymbol(symbol: string): string {
  return /^[^\s\p{Cc}"]+$/u.test(symbol) ? symbol : JSON.stringify(symbol);
}

function describeModel(m: ModelInfo, path: string): string {
  const symbols = (list: string[]) => (list.length > 0 ? `: ${list.slice(0, 20).map(showSymbol).join(' ')}${list.length > 20 ? ' …' : ''}` : '');
  return [
    `${path} (export ${m.exportId}${m.runId === null ? '' : `, run ${m.runId}`}, SeqLab ${m.seqlabVersion})`,
    `  task     ${m.task.id} (${m.task.shape})`,
    `  model    ${m.cell}, ${m.numLayers} layer(s) of ${m.hiddenSize}${m.bidirectional ? ', bidirectional' : ''}`,
    `  input    ${m.input.kind}${m.input.tokenization ? ` (${m.input.tokenization})` : ''}, ${m.input.size}${symbols(m.input.symbols)}`,
    `  output   ${m.output.kind}, ${m.output.values} ${m.output.readout}, ${m.output.size}${symbols(m.output.symbols)}`,
    `  can      ${m.task.shape === 'one-to-many' ? 'unroll from a condition (--condition)' : m.task.shape === 'seq2seq' ? 'translate' : [m.canGenerate ? 'generate' : '', m.canForecast ? 'forecast' : '', 'predict'].filter(Boolean).join(', ')}`,
    ...(m.datasetCodec === null ? [] : [`  units    ${m.datasetCodec}`]),
  ].join('\n');
}
