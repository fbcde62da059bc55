// `seqlab infer MODEL.onnx …`: runs an ONNX model exported from this database (its metadata and
// vocabulary travel with the export): describe it, predict on one input, generate text, forecast,
// translate with an encoder–decoder (its encoder and decoder-step graphs), or unroll a one-to-many model
// from a condition (its condition and decoder-step graphs).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiCalls } from '../../common/api/contract';
import type { ModelExport, ModelInfo, ModelRequest, Prediction, Translation, UnknownTokens, Unroll } from '../../common/api/entities';
import { describeUnknownTokens } from '../../common/generate/unknown-tokens';
import { describeFailedParity } from '../../common/onnx/parity-criterion';
import { describeNumberOption, parseCommand, parseNumberOption, positional, type CommandSpec } from './args';
import { withBackend, type CliApi } from './backend';
import { CliError, EXIT, usageError, writeJson, writeLine, type CliContext } from './context';
import { formatMetric, formatTable } from './format';
import { at } from '../../common/checked-index';

const SPEC: CommandSpec = {
  usage:
    'seqlab infer MODEL.onnx [--text T | --tokens A,B,… | --values JSON | --generate --prompt P [--length N] [--temperature X] [--top-k K] [--seed S] | --forecast N --values JSON | --translate SOURCE [--length N] [--temperature X] [--top-k K] [--seed S] [--beam K] | --condition LABEL|JSON [--length N] [--temperature X] [--top-k K] [--seed S]] [--allow-failed-parity] [--db PATH] [--json]',
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
    beam: { type: 'string' },
    condition: { type: 'string' },
    'allow-failed-parity': { type: 'boolean' },
  },
  positionals: { min: 1, max: 1 },
};

// The API's own request fields: the CLI checks its numbers against them and prints their limits in --help.
const GENERATE = apiCalls['models.generate'].request.shape;
const TRANSLATE = apiCalls['models.translate'].request.shape;
const UNROLL = apiCalls['models.unroll'].request.shape;
const FORECAST = apiCalls['models.forecast'].request.shape;
const range = describeNumberOption;

const HELP = `Usage: seqlab infer MODEL.onnx [options]

Runs a model exported with \`seqlab export RUN --onnx MODEL.onnx\` from this database. With no option it
describes the model (what it reads and returns).
  --text T                predict on text (token and class models)
  --tokens A,B,…          predict on a comma-separated token sequence
  --values JSON           predict on [T, I] numbers, e.g. '[[0.5,1],[0.2,0]]' (dense models)
  --generate --prompt P   continue the text P (at least one character or word: the model learned from windows
                          of text, with no start token to begin from nothing): --length N (${range(GENERATE.length)}),
                          --temperature X (${range(GENERATE.temperature)}; 0 is greedy), --top-k K (${range(GENERATE.topK)}),
                          --seed S (${range(GENERATE.seed)})
  --forecast N            continue the series --values JSON by N steps (${range(FORECAST.steps)}; dense in and out)
  --translate SOURCE      run an encoder–decoder (MODEL.onnx is its encoder graph) on SOURCE: greedy, or sampled
                          with --temperature X (${range(TRANSLATE.temperature)}; 0 = greedy), --top-k K, --seed S; at most
                          --length N tokens (${range(TRANSLATE.maxLength)}); prints the output and, per output token,
                          the source token it attended to most; --beam K (${range(TRANSLATE.beam)}) searches K hypotheses
                          instead (no sampling options) and lists them best first, with log p and score = log p / length
  --condition LABEL|JSON  unroll a one-to-many model (MODEL.onnx is its condition graph) from a class label,
                          or from feature values as JSON, e.g. '[0.5, 1]': --length N steps (${range(UNROLL.length)});
                          token outputs pick greedily, or sample with --temperature X (${range(UNROLL.temperature)}),
                          --top-k K, --seed S; prints the value of every step (or the text)
  --allow-failed-parity   run an export whose parity check failed (refused otherwise); a warning says so
  --json                  print { model } / { prediction } / { generation } / { forecast } / { translation } /
                          { unroll } as JSON, with "warnings": [...] (a failed parity check, input tokens the
                          vocabulary lacks)
Input tokens the model's vocabulary lacks are read as <unk>; they are counted and named on stderr.
`;

export async function inferCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const s = command.strings;
  const modes = [
    s.text !== undefined,
    s.tokens !== undefined,
    command.flags.has('generate'),
    s.forecast !== undefined,
    s.translate !== undefined,
    s.condition !== undefined,
  ].filter(Boolean).length;
  if (modes > 1 || (s.values !== undefined && (s.text !== undefined || s.tokens !== undefined || s.translate !== undefined || s.condition !== undefined))) {
    throw usageError('give one input: --text, --tokens, --values, --generate, --forecast, --translate or --condition', SPEC.usage);
  }
  if (s.beam !== undefined) {
    if (s.translate === undefined) throw usageError('--beam K is beam search over an encoder–decoder: give it with --translate SOURCE', SPEC.usage);
    const sampled = ['temperature', 'top-k', 'seed'].filter((o) => s[o] !== undefined).map((o) => `--${o}`);
    if (sampled.length > 0) throw usageError(`--beam K keeps the K most likely translations; it does not sample: drop ${sampled.join(', ')}`, SPEC.usage);
  }
  const path = resolve(ctx.cwd, positional(command, 0, SPEC.usage));
  /** A number option, checked against the API field it fills. */
  const number = (option: string, field: Parameters<typeof parseNumberOption>[2]): number => {
    const text = s[option];
    if (text === undefined) throw usageError(`--${option} needs a value`, SPEC.usage);
    return parseNumberOption(text, `--${option}`, field, SPEC.usage);
  };
  /** Sampling options of generate, translate and unroll (their fields share their schemas' limits). */
  const sampling = (fields: typeof GENERATE | typeof TRANSLATE | typeof UNROLL) => ({
    ...(s.temperature !== undefined ? { temperature: number('temperature', fields.temperature) } : {}),
    ...(s['top-k'] !== undefined ? { topK: number('top-k', fields.topK) } : {}),
    ...(s.seed !== undefined ? { seed: number('seed', fields.seed) } : {}),
  });
  const warnings: string[] = [];
  /** The result on stdout (JSON with the warnings), the warnings on stderr. */
  const report = (key: string, value: unknown, text: () => string): void => {
    for (const w of warnings) ctx.stderr.write(`warning: ${w}\n`);
    if (command.json) writeJson(ctx.stdout, { [key]: value, warnings });
    else writeLine(ctx.stdout, text());
  };
  const noteUnknown = (unknown: UnknownTokens): void => {
    const warning = describeUnknownTokens(unknown);
    if (warning !== null) warnings.push(warning);
  };

  return withBackend(ctx, command.db, 'existing', async (api) => {
    const exported = await findExport(api, path);
    const failure = exported.parity === null ? null : describeFailedParity(exported.parity);
    if (failure !== null) {
      if (!command.flags.has('allow-failed-parity')) {
        throw new CliError(EXIT.usage, `${exported.path}: ${failure} Re-export the run, or pass --allow-failed-parity to run it anyway.`);
      }
      warnings.push(`${exported.path}: ${failure} Its outputs may not be what SeqLab trained.`);
    }
    const exportId = exported.id;
    if (s.condition !== undefined) {
      const unroll = await api.call('models.unroll', {
        exportId,
        condition: parseCondition(s.condition),
        ...(s.length !== undefined ? { length: number('length', UNROLL.length) } : {}),
        ...sampling(UNROLL),
      });
      report('unroll', unroll, () => describeUnroll(unroll));
    } else if (s.translate !== undefined) {
      const translation = await api.call('models.translate', {
        exportId,
        source: s.translate,
        ...(s.length !== undefined ? { maxLength: number('length', TRANSLATE.maxLength) } : {}),
        ...sampling(TRANSLATE),
        ...(s.beam !== undefined ? { beam: number('beam', TRANSLATE.beam) } : {}),
      });
      noteUnknown(translation.unknown);
      report('translation', translation, () => describeTranslation(translation));
    } else if (command.flags.has('generate')) {
      if (s.prompt === undefined || s.prompt === '') {
        throw usageError(
          '--generate needs --prompt P, the text to continue (at least one character or word: the model learned from windows of text, with no start token to begin from nothing)',
          SPEC.usage,
        );
      }
      const prompt = s.prompt;
      const generation = await api.call('models.generate', {
        exportId,
        prompt,
        ...(s.length !== undefined ? { length: number('length', GENERATE.length) } : {}),
        ...sampling(GENERATE),
      });
      noteUnknown(generation.unknown);
      report('generation', generation, () => `${prompt}${generation.text}`);
    } else if (s.forecast !== undefined) {
      if (s.values === undefined) throw usageError('--forecast needs the series to continue: --values JSON', SPEC.usage);
      const forecast = await api.call('models.forecast', { exportId, values: parseRows(s.values), steps: number('forecast', FORECAST.steps) });
      report('forecast', forecast, () =>
        formatTable(
          ['STEP', ...forecast.featureNames],
          forecast.values.map((row, t) => [String(t + 1), ...row.map(formatMetric)]),
          [0],
        ),
      );
    } else if (s.text !== undefined || s.tokens !== undefined || s.values !== undefined) {
      const input = s.text !== undefined ? { text: s.text } : s.tokens !== undefined ? { tokens: s.tokens.split(',') } : { values: parseRows(s.values ?? '') };
      const prediction = await api.call('models.predict', { exportId, input });
      noteUnknown(prediction.unknown);
      report('prediction', prediction, () => describePrediction(prediction));
    } else {
      const model = await api.call('models.describe', { exportId });
      report('model', model, () => describeModel(model, path));
    }
    return EXIT.ok;
  });
}

/** The newest ONNX export recorded at this path; a missing file or one this database did not export is refused. */
async function findExport(api: CliApi, path: string): Promise<ModelExport> {
  if (!existsSync(path)) throw new CliError(EXIT.usage, `no such file: ${path}`);
  const found = (await api.call('models.list', {})).find((e) => e.format === 'onnx' && e.path === path);
  if (!found) {
    throw new CliError(
      EXIT.usage,
      `${path} is not an ONNX model exported from ${api.databasePath}. Export one with \`seqlab export RUN --onnx ${path}\` (the database keeps its vocabulary and checks its hash).`,
    );
  }
  return found;
}

function parseRows(text: string): number[][] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    rows = null;
  }
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((row): row is number[] => isNumberList(row))) {
    throw new CliError(
      EXIT.usage,
      `--values must be a JSON array of rows of numbers, one row per step, e.g. '[[0.5, 1], [0.2, 0]]'; got ${JSON.stringify(text)}.`,
    );
  }
  return rows;
}

function isNumberList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
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
  if (!isNumberList(values) || values.length === 0) {
    throw new CliError(
      EXIT.usage,
      `--condition must be a class label, or feature values as a JSON array of numbers, e.g. '[0.5, 1]'; got ${JSON.stringify(text)}.`,
    );
  }
  return values;
}

function describePrediction(p: Prediction): string {
  if (p.readout === 'final-state' && p.rows.length === 1) {
    const row = at(p.rows, 0, 'describePrediction: rows');
    const ranked = p.outputNames
      .map((name, i) => [name, at(row, i, 'describePrediction: the row (one value per output)')] as const)
      .sort((a, b) => (p.predicted ? b[1] - a[1] : 0));
    const top = ranked.slice(0, 10).map(([name, value]) => [showSymbol(name), formatMetric(value)]);
    return `${p.predicted ? `Predicted: ${showSymbol(at(p.predicted, 0, 'describePrediction: predicted (one per row)'))}\n` : ''}${formatTable(['OUTPUT', 'VALUE'], top, [1])}`;
  }
  if (p.predicted) return `Predicted at each step:\n${p.predicted.map(showSymbol).join(' ')}`;
  return formatTable(
    ['STEP', ...p.outputNames],
    p.rows.map((row, t) => [String(t + 1), ...row.map(formatMetric)]),
    [0],
  );
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
  if (t.beams !== undefined) {
    const rows = t.beams.map((h, i) => [String(i + 1), h.score.toFixed(4), h.logProb.toFixed(4), h.finished ? 'yes' : 'no', h.text]);
    lines.push(
      `Beam search, ${t.beams.length} hypotheses (score = log p / length, the first is shown above):`,
      formatTable(['RANK', 'SCORE', 'LOG P', '<EOS>', 'TEXT'], rows, [0, 1, 2]),
    );
  }
  return lines.join('\n');
}

/** The condition, then the value of every step (a table) or the text written. */
export function describeUnroll(u: Unroll): string {
  const condition = u.condition.kind === 'class' ? `class ${u.condition.label}` : `features [${u.condition.values.map(formatMetric).join(', ')}]`;
  if (u.values !== null) {
    return `From ${condition}, ${u.values.length} steps:\n${formatTable(
      ['STEP', ...u.outputNames],
      u.values.map((row, t) => [String(t + 1), ...row.map(formatMetric)]),
      [0],
    )}`;
  }
  const tokens = u.tokens ?? [];
  return `From ${condition}:\n${u.text ?? ''}${u.finished ? '' : `  (stopped at ${tokens.length} tokens without an end token)`}`;
}

/** A token made visible: spaces and control characters as JSON escapes in quotes. */
function showSymbol(symbol: string): string {
  return /^[^\s\p{Cc}"]+$/u.test(symbol) ? symbol : JSON.stringify(symbol);
}

/** How `--describe` names each request a model answers (its kind's facet says which: ModelInfo.requests), with the flag that asks it. */
const CAN: Readonly<Record<ModelRequest, string>> = {
  predict: 'predict (--text, --tokens or --values)',
  forecast: 'forecast (--forecast N --values)',
  generate: 'generate (--generate --prompt)',
  translate: 'translate (--translate)',
  unroll: 'unroll from a condition (--condition)',
};

function describeModel(m: ModelInfo, path: string): string {
  const symbols = (list: string[]) => (list.length > 0 ? `: ${list.slice(0, 20).map(showSymbol).join(' ')}${list.length > 20 ? ' …' : ''}` : '');
  return [
    `${path} (export ${m.exportId}${m.runId === null ? '' : `, run ${m.runId}`}, SeqLab ${m.seqlabVersion})`,
    `  task     ${m.task.id} (${m.task.shape})`,
    `  model    ${m.cell}, ${m.numLayers} layer(s) of ${m.hiddenSize}${m.bidirectional ? ', bidirectional' : ''}`,
    `  input    ${m.input.kind}${m.input.tokenization ? ` (${m.input.tokenization})` : ''}, ${m.input.size}${symbols(m.input.symbols)}`,
    `  output   ${m.output.kind}, ${m.output.values} ${m.output.readout}, ${m.output.size}${symbols(m.output.symbols)}`,
    `  can      ${m.requests.map((request) => CAN[request]).join(', ')}`,
    ...(m.datasetCodec === null ? [] : [`  units    ${m.datasetCodec}`]),
  ].join('\n');
}
