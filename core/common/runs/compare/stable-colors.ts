// Colour slots for compared runs that do not move: a run keeps its slot while it stays selected, whatever else is
// added or removed; a newly selected run takes the lowest slot no selected run holds. Slots index a palette (past
// its length, colours repeat: slot k is palette[k mod length]).

/** @returns run id → slot for exactly `ids`, keeping every slot `previous` gave a run still in `ids` */
export function assignColorSlots(previous: ReadonlyMap<number, number>, ids: readonly number[]): Map<number, number> {
  const slots = new Map<number, number>();
  for (const id of ids) {
    const slot = previous.get(id);
    if (slot !== undefined) slots.set(id, slot);
  }
  const taken = new Set(slots.values());
  let next = 0;
  for (const id of ids) {
    if (slots.has(id)) continue;
    while (taken.has(next)) next++;
    slots.set(id, next);
    taken.add(next);
  }
  return slots;
}
