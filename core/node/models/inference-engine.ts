// The inference worker's work: each request goes to the facet of its model's kind (KIND_FACETS: a sequence
// model's one graph, an encoder–decoder's or a one-to-many model's pair — ExportKinds tells them apart), which keeps its
// exports open and answers describe and the requests it serves. A request for another kind's call is
// refused with what to use instead. Expected failures come back as outcomes with a code and a message;
// only bugs throw.
import type { ModelKind } from '../../common/spec/model-spec';
import type { InferenceFacet, InferenceFacets } from './inference-facet';
import { ExportKinds } from './inference-facet';
import type { InferenceOutcome, InferenceRequest } from './inference-protocol';
import { KIND_FACETS } from './kind-facets';

export class InferenceEngine {
  /** One facet per model kind, each keeping its own exports open. */
  private readonly facets: InferenceFacets = Object.fromEntries(
    (Object.keys(KIND_FACETS) as ModelKind[]).map((kind) => [kind, KIND_FACETS[kind].inference()]),
  ) as Record<ModelKind, InferenceFacet>;
  private readonly kinds = new ExportKinds(this.facets);

  async handle(request: InferenceRequest): Promise<InferenceOutcome<unknown>> {
    const kind = await this.kinds.of(request.model);
    if (!kind.ok) return kind;
    const facet = this.facets[kind.value];
    if (request.type === 'describe' || facet.serves.includes(request.type)) return facet.handle(request);
    return {
      ok: false,
      code: 'unsupported',
      message: facet.refuse?.(request.type) ?? this.servedBy(request.type)?.otherKind ?? `No model kind answers ${request.type}.`,
    };
  }

  async close(): Promise<void> {
    for (const facet of Object.values(this.facets)) await facet.close();
    this.kinds.clear();
  }

  private servedBy(type: InferenceRequest['type']): InferenceFacet | undefined {
    return Object.values(this.facets).find((f) => f.serves.includes(type));
  }
}
