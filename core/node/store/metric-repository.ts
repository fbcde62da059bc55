// Metrics: (run, name, step) → value series. Written in batches, read whole, by step range, or
// downsampled to what a chart can show (docs/ARCHITECTURE.md, "The store").

import type Database from 'better-sqlite3';
import type { EpochMs, MetricRow, MetricSeries, StepRange } from './types';
import { writeTransaction } from './write-transaction';

type SeriesKey = { runId: number; name: string };
type RangeParams = SeriesKey & { fromStep: number; toStep: number };
type BucketParams = RangeParams & { buckets: number; span: number };
/** [step, value (null for NaN), wall_time] as read with `.raw()`. */
type PointTuple = [number, number | null, number];

export class MetricRepository {
  private readonly upsertStatement: Database.Statement<{ runId: number; name: string; step: number; value: number | null; wallTime: EpochMs }>;
  private readonly seriesStatement: Database.Statement<RangeParams, PointTuple>;
  private readonly extentStatement: Database.Statement<RangeParams, { count: number; fromStep: number | null; toStep: number | null }>;
  private readonly bucketStatement: Database.Statement<BucketParams, PointTuple>;
  private readonly namesStatement: Database.Statement<{ runId: number }, string>;
  private readonly deleteAfterStatement: Database.Statement<{ runId: number; step: number }>;

  constructor(private readonly db: Database.Database) {
    // A step logged again (a run resumed from a checkpoint older than its last metrics) replaces
    // the earlier value rather than failing the whole batch.
    this.upsertStatement = db.prepare(
      `INSERT INTO metrics (run_id, name, step, value, wall_time) VALUES (@runId, @name, @step, @value, @wallTime)
       ON CONFLICT (run_id, name, step) DO UPDATE SET value = excluded.value, wall_time = excluded.wall_time`,
    );
    const inRange = 'run_id = @runId AND name = @name AND step BETWEEN @fromStep AND @toStep';
    this.seriesStatement = db.prepare<RangeParams, PointTuple>(`SELECT step, value, wall_time FROM metrics WHERE ${inRange} ORDER BY step`).raw();
    this.extentStatement = db.prepare(`SELECT count(*) AS count, min(step) AS fromStep, max(step) AS toStep FROM metrics WHERE ${inRange}`);
    // Min/max buckets: the steps [fromStep, toStep] are cut into @buckets equal-width buckets and each
    // keeps the point holding its minimum and the one holding its maximum. SQLite takes the bare
    // columns (step, wall_time) of a min()/max() aggregate from the row that holds the extreme; UNION
    // drops the duplicate when both are one point. Parameters bind as REAL, hence the CASTs that keep
    // the bucket number an integer division. NaN points (NULL) cannot be drawn and are left out.
    this.bucketStatement = db
      .prepare<BucketParams, PointTuple>(
        `WITH points AS (
           SELECT step, value, wall_time,
                  (step - CAST(@fromStep AS INTEGER)) * CAST(@buckets AS INTEGER) / CAST(@span AS INTEGER) AS bucket
           FROM metrics WHERE ${inRange} AND value IS NOT NULL
         )
         SELECT step, min(value) AS value, wall_time FROM points GROUP BY bucket
         UNION
         SELECT step, max(value) AS value, wall_time FROM points GROUP BY bucket
         ORDER BY step`,
      )
      .raw();
    // DISTINCT would visit every point of the run; this hops from one name to the next through the
    // primary key instead (a skip scan), one index seek per name.
    this.namesStatement = db
      .prepare<{ runId: number }, string>(
        `WITH RECURSIVE names (name) AS (
           SELECT min(name) FROM metrics WHERE run_id = @runId
           UNION ALL
           SELECT (SELECT min(name) FROM metrics WHERE run_id = @runId AND name > names.name)
           FROM names WHERE names.name IS NOT NULL
         )
         SELECT name FROM names WHERE name IS NOT NULL`,
      )
      .pluck();
    this.deleteAfterStatement = db.prepare('DELETE FROM metrics WHERE run_id = @runId AND step > @step');
  }

  /** Stores a batch in one transaction: all rows or, if any is invalid (or the disk is full), none. */
  append(rows: readonly MetricRow[]): void {
    if (rows.length === 0) return;
    writeTransaction(this.db, () => {
      for (const row of rows) {
        this.upsertStatement.run({
          runId: row.runId,
          name: row.name,
          step: row.step,
          value: Number.isNaN(row.value) ? null : row.value,
          wallTime: row.wallTime,
        });
      }
    });
  }

  /** Every point of one metric of one run in step order, optionally limited to a step range. */
  series(runId: number, name: string, range: StepRange = {}): MetricSeries {
    return toSeries(runId, name, this.seriesStatement.all(rangeParams(runId, name, range)));
  }

  /**
   * At most `maxPoints` points of a series, keeping every step bucket's minimum and maximum so that
   * spikes survive (min/max bucketing over `floor(maxPoints / 2)` equal step ranges). A series that
   * already fits is returned whole, NaN points included.
   */
  downsample(runId: number, name: string, maxPoints: number, range: StepRange = {}): MetricSeries {
    if (!Number.isInteger(maxPoints) || maxPoints < 2) {
      throw new RangeError(`MetricRepository.downsample: maxPoints must be an integer >= 2, got ${maxPoints}`);
    }
    const params = rangeParams(runId, name, range);
    const extent = this.extentStatement.get(params);
    if (!extent || extent.count <= maxPoints || extent.fromStep === null || extent.toStep === null) {
      return this.series(runId, name, range);
    }
    const buckets = Math.floor(maxPoints / 2);
    const tuples = this.bucketStatement.all({
      ...params,
      fromStep: extent.fromStep,
      toStep: extent.toStep,
      buckets,
      span: extent.toStep - extent.fromStep + 1,
    });
    return toSeries(runId, name, tuples);
  }

  /** Names of the metrics a run has logged, sorted. */
  names(runId: number): string[] {
    return this.namesStatement.all({ runId });
  }

  /**
   * Drops the points logged after `step`, e.g. before resuming from a checkpoint at that step so the
   * curves do not mix the abandoned future with the new one. Returns how many were deleted.
   */
  deleteAfter(runId: number, step: number): number {
    return writeTransaction(this.db, () => this.deleteAfterStatement.run({ runId, step }).changes);
  }
}

function rangeParams(runId: number, name: string, range: StepRange): RangeParams {
  return {
    runId,
    name,
    fromStep: range.fromStep ?? Number.MIN_SAFE_INTEGER,
    toStep: range.toStep ?? Number.MAX_SAFE_INTEGER,
  };
}

function toSeries(runId: number, name: string, tuples: PointTuple[]): MetricSeries {
  const series: MetricSeries = { runId, name, steps: [], values: [], wallTimes: [] };
  for (const [step, value, wallTime] of tuples) {
    series.steps.push(step);
    series.values.push(value ?? Number.NaN);
    series.wallTimes.push(wallTime);
  }
  return series;
}
