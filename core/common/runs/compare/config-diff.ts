// The config diff of N resolved specs: every field any of them has, by dotted path, with each spec's value or
// ABSENT, and whether the field differs. A field one spec lacks and another has differs (absent is not a value).
import { fieldKey, fieldValue, flattenSpec, type FieldValue } from './spec-fields';

export interface DiffRow {
  readonly path: string;
  /** One per spec, in the order the specs were given. */
  readonly values: readonly FieldValue[];
  readonly differs: boolean;
}

export interface ConfigDiff {
  /** Every field, in the order of first appearance (the first spec's order, then fields only later specs have). */
  readonly rows: readonly DiffRow[];
  readonly differing: readonly DiffRow[];
  readonly identical: readonly DiffRow[];
}

export function configDiff(specs: readonly unknown[]): ConfigDiff {
  const flattened = specs.map(flattenSpec);
  const paths = new Set<string>();
  for (const fields of flattened) for (const path of fields.keys()) paths.add(path);
  const rows = [...paths].map((path): DiffRow => {
    const values = flattened.map((fields) => fieldValue(fields, path));
    return { path, values, differs: new Set(values.map(fieldKey)).size > 1 };
  });
  return { rows, differing: rows.filter((row) => row.differs), identical: rows.filter((row) => !row.differs) };
}
