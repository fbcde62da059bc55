// The reply of XREADGROUP on one stream, checked into its entries: [[key, [[id, [field, value, …]], …]]] or null.

export type StreamEntry = [id: string, fields: string[]];

export function readStreamReply(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  if (!Array.isArray(reply)) throw new Error('XREADGROUP answered something that is not a list of streams');
  const stream: unknown = reply[0];
  if (!Array.isArray(stream) || !Array.isArray(stream[1])) throw new Error('XREADGROUP answered a stream without entries');
  const entries: StreamEntry[] = [];
  for (const item of stream[1] as unknown[]) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') throw new Error('XREADGROUP answered a malformed entry');
    // A pending entry deleted meanwhile comes back with null fields: nothing to take, only to acknowledge.
    const fields = Array.isArray(item[1]) ? (item[1] as unknown[]).filter((f): f is string => typeof f === 'string') : [];
    entries.push([item[0], fields]);
  }
  return entries;
}
