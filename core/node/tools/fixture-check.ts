// CLI: checks our recurrent layers and additive attention against reference fixture files
// (tests/fixtures/torch/README.md).
//   npx tsx core/node/tools/fixture-check.ts <file.json | folder …>   (a folder means its *.json files)
// Builds each file's layer in float32, compares every output and gradient, prints a table per file
// and exits 1 when any error is above the tolerance or a file is malformed (2 for a usage error).
// The parsing and comparison live in core/common/nn/fixture*.ts; this file only reads and reports.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseFixture } from '../../common/nn/fixture';
import { compareFixture, comparisonPasses, formatComparison } from '../../common/nn/fixture-compare';

/** float32 tolerance on the robust relative error |ours - ref| / max(|ref|, 1). */
const TOLERANCE = 1e-4;

function checkFile(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    console.error(`${path}: cannot read (${(e as Error).message})`);
    return false;
  }
  const parsed = parseFixture(text, path);
  if (!parsed.ok) {
    console.error(`${parsed.message}\n  ERROR (${parsed.code}): fix or regenerate the file`);
    return false;
  }
  const comparison = compareFixture(parsed.fixture, 'float32');
  console.log(formatComparison(comparison, TOLERANCE));
  return comparisonPasses(comparison, TOLERANCE);
}

/** The files named on the command line, a folder standing for its *.json files (sorted). */
function expand(args: string[]): string[] {
  return args.flatMap((arg) => {
    let isFolder = false;
    try {
      isFolder = statSync(arg).isDirectory();
    } catch {
      return [arg]; // reported as unreadable by checkFile
    }
    return isFolder
      ? readdirSync(arg)
          .filter((n) => n.endsWith('.json'))
          .sort()
          .map((n) => join(arg, n))
      : [arg];
  });
}

function main(argv: string[]): number {
  if (argv.length === 0 || argv.includes('--help')) {
    console.error('usage: fixture-check <fixture.json | folder> …   (format: tests/fixtures/torch/README.md)');
    return 2;
  }
  const files = expand(argv);
  let failed = 0;
  for (const path of files) {
    if (!checkFile(path)) failed++;
    console.log('');
  }
  console.log(failed === 0 ? `all ${files.length} file(s) pass` : `${failed} of ${files.length} file(s) FAILED`);
  return failed === 0 && files.length > 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
