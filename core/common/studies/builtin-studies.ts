// The built-in studies, in the order the Studies view lists them. Adding one: write its definition file in
// builtin/ (see study-definition.ts for the format) and list it here; tests/core/common/studies checks every
// definition and every spec it creates.
import { parseStudyDefinition, type StudyDefinition, type StudyDefinitionInput } from './study-definition';
import { attentionLengthStudy } from './builtin/attention-length';
import { bidirectionalFutureStudy } from './builtin/bidirectional-future';
import { explodingGradientsStudy } from './builtin/exploding-gradients';
import { gradientFlowStudy } from './builtin/gradient-flow';
import { sequentialBottleneckStudy } from './builtin/sequential-bottleneck';
import { truncatedBpttStudy } from './builtin/truncated-bptt';
import { vanishingGradientsStudy } from './builtin/vanishing-gradients';

const DEFINITIONS: readonly StudyDefinitionInput[] = [
  vanishingGradientsStudy,
  gradientFlowStudy,
  explodingGradientsStudy,
  bidirectionalFutureStudy,
  attentionLengthStudy,
  truncatedBpttStudy,
  sequentialBottleneckStudy,
];

let parsed: readonly StudyDefinition[] | null = null;

/** Every built-in study, validated (a broken definition throws naming the study and the field). */
export function builtinStudies(): readonly StudyDefinition[] {
  parsed ??= DEFINITIONS.map((raw) => {
    const result = parseStudyDefinition(raw);
    if (!result.ok) throw new Error(`Built-in study "${raw.id}" is not valid:\n${result.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    return result.study;
  });
  return parsed;
}

export function findBuiltinStudy(id: string): StudyDefinition | undefined {
  return builtinStudies().find((study) => study.id === id);
}
