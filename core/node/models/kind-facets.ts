// What each model kind brings to the export worker and the inference worker, registered once by the spec's
// model kind: how a run of the kind is exported (ExportFacet) and how its export answers inference requests
// (InferenceFacet, made fresh per inference engine: it keeps its exports open). A kind added to the spec
// fails to compile here until it has both; nothing else in core/node/models switches on the kind.
import type { ModelKind } from '../../common/spec/model-spec';
import { CONDITIONED_PAIR_EXPORT } from '../../common/onnx/conditioned/conditioned-export';
import { SEQ2SEQ_PAIR_EXPORT } from '../../common/onnx/seq2seq/seq2seq-export';
import type { ExportFacet } from './export-facet';
import { twoGraphExport } from './export-facet';
import type { InferenceFacet } from './inference-facet';
import { SequenceModels } from './sequence/inference-sequence';
import { Seq2SeqPairs } from './seq2seq/inference-translate';
import { ConditionedPairs } from './conditioned/inference-unroll';
import { SEQUENCE_EXPORT } from './sequence/sequence-export-job';

export interface KindFacets {
  readonly export: ExportFacet;
  inference(): InferenceFacet;
}

export const KIND_FACETS: Readonly<Record<ModelKind, KindFacets>> = {
  sequence: { export: SEQUENCE_EXPORT, inference: () => new SequenceModels() },
  seq2seq: { export: twoGraphExport('seq2seq', SEQ2SEQ_PAIR_EXPORT), inference: () => new Seq2SeqPairs() },
  conditioned: { export: twoGraphExport('conditioned', CONDITIONED_PAIR_EXPORT), inference: () => new ConditionedPairs() },
};
