// The inference worker's work: each request goes to the facet of its model's kind (a sequence model's one
// graph, an encoder–decoder's or a one-to-many model's pair — ExportKinds tells them apart), which keeps its
// exports open and answers describe and the requests it serves. A request for another kind's call is
// refused with what to use instead. Expected failures come back as outcomes with a code and a message;
// only bugs throw.
import type { InferenceFacet, InferenceFacets } from './inference-facet';
import { ExportKinds } from './inference-facet';
import type { InferenceOutcome, InferenceRequest } from './inference-protocol';
import { SequenceModels } from './inference-sequence';
import { Seq2SeqPairs } from './inference-translate';
import { ConditionedPairs } from './inference-unroll';

export class InferenceEngine {
  /** One facet per model kind: a kind added to the spec fails to compile here until it has one. */
  private readonly facets: InferenceFacets = { sequence: new SequenceModels(), seq2seq: new Seq2SeqPairs(), conditioned: new ConditionedPairs() };
  private readonly kinds = new ExportKinds(this.facets);

  async handle(request: InferenceRequest): Promise<InferenceOutcome<unknown>> {
    const kind = await this.kinds.of(request.model);
    if (!kind.ok) return kind;
    const facet = this.facets[kind.value];
    if (request.type === 'describe' || facet.serves.includes(request.type)) return facet.handle(request);
    return { ok: false, code: 'unsupported', message: facet.refuse?.(request.type) ?? this.servedBy(request.type)?.otherKind ?? `No model kind answers ${request.type}.` };
  }

  async close(): Promise<void> {
    for (const facet of Object.values(this.facets)) await facet.close();
    this.kinds.clear();
  }

  private servedBy(type: InferenceRequest['type']): InferenceFacet | undefined {
    return Object.values(this.facets).find((f) => f.serves.includes(type));
  }
}
