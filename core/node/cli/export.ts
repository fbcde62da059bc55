// `seqlab export RUN --onnx FILE`: writes a run's trained model (ONNX, checked against SeqLab's own
// forward in onnxruntime, or safetensors) and records the export in the database.
import { resolve } from 'node:path';
import type { ModelExport } from '../../common/api/entities';
import { PARITY_CRITERION, describeCriterion, describeWorst, formatParityDelta, outputScore, worstOutput } from '../../common/onnx/parity-criterion';
import { parseCommand, parseRunId, positional, type CommandSpec } from './args';
import { withBackend } from './backend';
import { CliError, EXIT, usageError, writeJson, writeLine, type CliContext } from './context';

const SPEC: CommandSpec = {
  usage: 'seqlab export RUN (--onnx FILE | --safetensors FILE) [--best] [--force] [--db PATH] [--json]',
  options: { onnx: { type: 'string' }, safetensors: { type: 'string' }, best: { type: 'boolean' }, force: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
};

const HELP = `Usage: ${SPEC.usage}

Exports a run's model from its latest checkpoint (or its best with --best):
  --onnx FILE          an ONNX graph (LSTM/GRU/RNN operators), then a parity check: onnxruntime
                       against SeqLab's forward on held-out inputs (exit 1 if it fails), passed at
                       ${describeCriterion(PARITY_CRITERION)}. An encoder–decoder or one-to-many model also writes
                       FILE's decoder step beside it (X.onnx → X.step.onnx).
  --safetensors FILE   the parameters under PyTorch's names (a module with submodules embedding, rnn, head;
                       see the README)
  --force              replace files already there (else an existing file is refused, nothing written)
The export is recorded with its SHA-256; \`seqlab infer FILE\` runs an ONNX export.
  --json               print { export } (path, hash, checkpoint, parity report) as JSON on stdout
`;

export async function exportCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const runId = parseRunId(positional(command, 0, SPEC.usage), SPEC.usage);
  const { onnx, safetensors } = command.strings;
  const file = onnx ?? safetensors;
  if (file === undefined || (onnx !== undefined && safetensors !== undefined)) throw usageError('give one of --onnx FILE or --safetensors FILE', SPEC.usage);
  const format = onnx !== undefined ? 'onnx' : 'safetensors';
  const path = resolve(ctx.cwd, file);
  const checkpoint = command.flags.has('best') ? 'best' : 'latest';

  return withBackend(ctx, command.db, 'existing', async (api) => {
    ctx.stderr.write(`Exporting run ${runId} (${checkpoint} checkpoint) as ${format}…\n`);
    const exported = await api.call('models.export', { runId, format, path, checkpoint, overwrite: command.flags.has('force') }).catch((error: unknown) => {
      // a file in the way: the API's `overwrite` is this command's --force
      if (error instanceof CliError && error.issues.some((i) => i.path === 'overwrite'))
        throw new CliError(error.exitCode, `${error.message} Add --force to replace it.`, error.issues);
      throw error;
    });
    if (command.json) writeJson(ctx.stdout, { export: exported });
    else writeLine(ctx.stdout, describeExport(exported));
    if (exported.parity && !exported.parity.passed) {
      ctx.stderr.write(
        `The exported graph does not match SeqLab's forward (${describeCriterion(exported.parity.criterion)}); do not rely on ${exported.path}.\n`,
      );
      return EXIT.runFailed;
    }
    return EXIT.ok;
  });
}

function describeExport(e: ModelExport): string {
  const size = e.byteLength === null ? '' : `, ${(e.byteLength / 1024).toFixed(1)} kB`;
  const from = e.checkpoint ? ` from its ${e.checkpoint.kind} checkpoint (step ${e.checkpoint.step})` : '';
  const lines = [`Exported run ${e.runId} "${e.runName}"${from} to ${e.path}${size}`, `  sha256   ${e.hash}`];
  if (e.decoderStep) {
    // an encoder–decoder or a one-to-many model: `path` is the encoder (condition) graph, run once per source
    // (condition); this one runs once per step
    const stepSize = e.decoderStep.byteLength === null ? '' : `, ${(e.decoderStep.byteLength / 1024).toFixed(1)} kB`;
    lines.push(`  decoder step graph ${e.decoderStep.path}${stepSize}`, `  sha256   ${e.decoderStep.hash}`);
  }
  if (e.parity) lines.push(...describeParity(e.parity));
  return lines.join('\n');
}

/**
 * The verdict with its criterion, then each failing case with its worst element — or, when all pass, the
 * element that came closest to its bound — so the numbers show why.
 */
export function describeParity(p: NonNullable<ModelExport['parity']>): string[] {
  const head = `  parity   ${p.passed ? 'passed' : 'FAILED'} over ${p.cases.length} cases, onnxruntime ${p.runtime}: ${describeCriterion(p.criterion)}; max |Δ| ${formatParityDelta(p.maxAbsDiff)}`;
  const failing = p.cases.filter((c) => !c.pass);
  if (failing.length > 0)
    return [head, ...failing.map((c) => `    FAIL ${c.name}: ${describeWorst(c.outputs) || `max |Δ| ${formatParityDelta(c.maxAbsDiff)}`}`)];
  const score = (c: (typeof p.cases)[number]): number => {
    const worst = worstOutput(c.outputs);
    return worst === null ? -1 : outputScore(worst.output);
  };
  const closest = p.cases.reduce<(typeof p.cases)[number] | null>((best, c) => (best === null || score(c) > score(best) ? c : best), null);
  const detail = closest === null ? '' : describeWorst(closest.outputs);
  return detail === '' ? [head] : [head, `    closest to its bound: ${closest?.name}: ${detail}`];
}
