// Checked element reads for code outside hot loops. Under `noUncheckedIndexedAccess` an index read
// may be undefined; where the index is an invariant of our own (a layer's buffer per direction, a
// parsed row's column), a missing element is a bug, and the error names what was missing instead of
// letting `undefined` flow on into arithmetic (NaN) or a later "cannot read property" far away.
// Hot numeric loops over typed arrays use `a[i]!` instead: an index inside the length is never undefined.

/**
 * items[index], or throws naming `what` and the valid range.
 * @param what  what the list holds, for the message, e.g. "Recurrent.outs (one buffer per layer)"
 */
export function at<T>(items: ArrayLike<T>, index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`${what}: no element at index ${index} (length ${items.length})`);
  return item;
}

/** map.get(key), or throws naming `what` and the missing key. */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`${what}: no entry for ${String(key)}`);
  return value;
}
