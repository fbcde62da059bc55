// The runs table as pure functions: each run with its results, searched, filtered by status, cell and tag, sorted by a
// column (missing values last whichever the direction), and grouped so a sweep's trials sit under their sweep.
import type { RunResults, RunStatus, RunSummary } from '../../../core/common/api/entities';

/** One row: the run, its results (null until read) and its model's cell (null when unknown). */
export interface RunTableRow {
  readonly run: RunSummary;
  readonly results: RunResults | null;
  readonly cell: string | null;
}

export const RUN_SORT_KEYS = ['created', 'name', 'status', 'finalValLoss', 'bestValLoss', 'finalValAccuracy', 'bestValAccuracy', 'duration'] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

export interface RunTableQuery {
  /** Matched, ignoring case, against the name, a trial's varied values, the tags and the notes. */
  readonly search: string;
  /** '' for any. */
  readonly status: RunStatus | '';
  readonly cell: string;
  readonly tag: string;
  readonly sort: RunSortKey;
  readonly descending: boolean;
}

export const DEFAULT_RUN_QUERY: RunTableQuery = { search: '', status: '', cell: '', tag: '', sort: 'created', descending: true };

/** What a row is called: a sweep trial by the values it varied (`cell=lstm hiddenSize=64`), any other run by its name. */
export function rowName(row: RunTableRow): string {
  return row.results?.trial?.label ?? row.run.name;
}

function sortValue(row: RunTableRow, key: RunSortKey): number | string | null {
  const results = row.results;
  switch (key) {
    case 'created':
      return row.run.createdAt;
    case 'name':
      return rowName(row).toLowerCase();
    case 'status':
      return row.run.status;
    case 'duration':
      return results?.durationMs ?? null;
    default:
      return results?.[key] ?? null;
  }
}

/** The rows that match `query`, in its order; rows with no value for the sorted column come last either way. */
export function queryRuns(rows: readonly RunTableRow[], query: RunTableQuery): RunTableRow[] {
  const needle = query.search.trim().toLowerCase();
  const tag = query.tag.toLowerCase();
  const kept = rows.filter((row) => {
    if (query.status !== '' && row.run.status !== query.status) return false;
    if (query.cell !== '' && row.cell !== query.cell) return false;
    if (tag !== '' && !row.run.tags.some((t) => t.toLowerCase() === tag)) return false;
    if (needle === '') return true;
    return [row.run.name, rowName(row), row.run.notes, ...row.run.tags].some((text) => text.toLowerCase().includes(needle));
  });
  const direction = query.descending ? -1 : 1;
  return kept
    .map((row, index) => ({ row, index, value: sortValue(row, query.sort) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      if (a.value === b.value) return a.index - b.index;
      return (a.value < b.value ? -1 : 1) * direction;
    })
    .map(({ row }) => row);
}

export interface RunGroup {
  /** null for runs started on their own. */
  readonly sweepId: number | null;
  readonly rows: RunTableRow[];
}

/** Runs started on their own first, then each sweep's trials under it (sweeps in the order their first trial appears). */
export function groupBySweep(rows: readonly RunTableRow[]): RunGroup[] {
  const groups = new Map<number | null, RunTableRow[]>([[null, []]]);
  for (const row of rows) {
    const group = groups.get(row.run.sweepId);
    if (group) group.push(row);
    else groups.set(row.run.sweepId, [row]);
  }
  return [...groups].filter(([, group]) => group.length > 0).map(([sweepId, group]) => ({ sweepId, rows: group }));
}

/** The distinct values of the rows, sorted, for a filter's options. */
export function distinctTags(runs: readonly RunSummary[]): string[] {
  return [...new Set(runs.flatMap((run) => run.tags))].sort((a, b) => a.localeCompare(b));
}

/** Tags as typed into one field: comma-separated, trimmed, empty ones dropped (limits are checked by the API). */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
