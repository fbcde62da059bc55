// A resolved spec (or any JSON value) as its leaf fields by dotted path, `model.hiddenSize` → 64, so specs can be
// compared field by field and runs grouped by any field. A field a spec lacks is ABSENT: never read as equal to
// another spec's value, nor as undefined-equals-undefined.
//
//   { model: { cell: 'lstm', layers: [{ size: 4 }] }, training: { milestones: [10, 20] } }
//     → model.cell = 'lstm', model.layers.0.size = 4, training.milestones = [10, 20]
// A list of plain values stays one leaf (it is one setting); a list holding objects is indexed (`layers.0.size`).
// An empty object or list is a leaf of its own ({} / []), so "present but empty" differs from "absent".

export type SpecScalar = string | number | boolean | null;
export type SpecLeaf = SpecScalar | readonly SpecScalar[] | Readonly<Record<string, never>>;

/** The value of a field in one spec, or that the spec does not have the field. */
export type FieldValue = { readonly kind: 'value'; readonly value: SpecLeaf } | { readonly kind: 'absent' };

export const ABSENT: FieldValue = { kind: 'absent' };

const isScalar = (value: unknown): value is SpecScalar => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Every leaf of `value` by dotted path, in the order the object lists its keys (a spec's own order: task, model, training). */
export function flattenSpec(value: unknown): Map<string, SpecLeaf> {
  const fields = new Map<string, SpecLeaf>();
  visit(value, '', fields);
  return fields;
}

function visit(value: unknown, path: string, fields: Map<string, SpecLeaf>): void {
  if (value === undefined) return; // an optional field left unset is absent, like a missing key
  if (isScalar(value)) return void fields.set(path, value);
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return void fields.set(path, [...value]);
    value.forEach((item, index) => visit(item, join(path, String(index)), fields));
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return void fields.set(path, {});
    for (const [key, item] of entries) visit(item, join(path, key), fields);
    return;
  }
  throw new Error(`flattenSpec: ${path || 'the value'} is a ${typeof value}, not JSON`);
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** The field at `path` of a flattened spec, or ABSENT. */
export function fieldValue(fields: ReadonlyMap<string, SpecLeaf>, path: string): FieldValue {
  const value = fields.get(path); // never undefined for a present field: visit() skips undefined
  return value === undefined ? ABSENT : { kind: 'value', value };
}

/**
 * A key equal for equal field values only: the type is part of it (1 and '1' differ), NaN equals NaN, and ABSENT has
 * a key no value can take.
 */
export function fieldKey(field: FieldValue): string {
  if (field.kind === 'absent') return 'absent';
  return `value:${leafKey(field.value)}`;
}

function leafKey(leaf: SpecLeaf): string {
  if (Array.isArray(leaf)) return `[${leaf.map((item) => leafKey(item as SpecScalar)).join(',')}]`;
  if (leaf !== null && typeof leaf === 'object') return '{}';
  return `${leaf === null ? 'null' : typeof leaf}:${String(leaf)}`;
}

/** A field value as a table cell or a group name shows it: `lstm`, `64`, `[10, 20]`, `{}`, `absent`. */
export function formatFieldValue(field: FieldValue): string {
  if (field.kind === 'absent') return 'absent';
  const leaf = field.value;
  if (Array.isArray(leaf)) return `[${leaf.map((item) => String(item)).join(', ')}]`;
  if (leaf !== null && typeof leaf === 'object') return '{}';
  return String(leaf);
}
