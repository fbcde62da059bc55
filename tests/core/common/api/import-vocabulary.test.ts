// The dataset kinds the API speaks of are IMPORT_KINDS, the importers' own list: a preview may ask for any of them (or
// auto-detection) and reports one of them, and nothing else.
import { describe, expect, it } from 'vitest';
import { apiCalls } from '../../../../core/common/api/contract';
import { datasetPreviewSchema, importReportSchema } from '../../../../core/common/api/entities';
import { IMPORT_KINDS } from '../../../../core/common/data/import/import-kinds';

describe('dataset kinds in the API', () => {
  it('are the importers’ kinds', () => {
    expect(datasetPreviewSchema.shape.kind.unwrap().options).toEqual([...IMPORT_KINDS]);
    expect(importReportSchema.shape.kind.options).toEqual([...IMPORT_KINDS]);
    const preview = (kind: string) => apiCalls['datasets.preview'].request.safeParse({ path: '/tmp/x.csv', options: { kind } }).success;
    for (const kind of ['auto', ...IMPORT_KINDS]) expect(preview(kind), kind).toBe(true);
    expect(preview('images')).toBe(false);
  });
});
