/** An on-duty agent as assignment sees them. */
export interface Candidate {
  id: string;
  /** Open tickets held now. */
  load: number;
  capacity: number;
  /** When they last received a ticket; null if never (they have been idle longest). */
  lastAssignedAt: Date | null;
}

/**
 * The agent who gets the next ticket: spare capacity first, then the least loaded, then the one
 * idle longest, then by id so the choice is deterministic. Undefined when nobody has room.
 */
export function pickAssignee<C extends Candidate>(candidates: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const c of candidates) {
    if (c.load >= c.capacity) continue;
    if (!best || better(c, best)) best = c;
  }
  return best;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.load !== b.load) return a.load < b.load;
  const idleA = a.lastAssignedAt?.getTime() ?? -Infinity;
  const idleB = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (idleA !== idleB) return idleA < idleB;
  return a.id < b.id;
}

/**
 * Hands a batch of waiting tickets out one by one, each to whoever is best placed at that moment
 * (every assignment updates the load it is judged by). `eligible` says who may take which ticket
 * (the queue's skill); tickets no one eligible has room for stay waiting.
 */
export function planAssignments<T, C extends Candidate>(
  tickets: readonly T[],
  candidates: readonly C[],
  now: Date,
  eligible: (ticket: T, candidate: C) => boolean = () => true,
): { ticket: T; assigneeId: string }[] {
  const pool = candidates.map((c) => ({ ...c }));
  const plan: { ticket: T; assigneeId: string }[] = [];
  for (const ticket of tickets) {
    const chosen = pickAssignee(pool.filter((c) => eligible(ticket, c)));
    if (!chosen) continue;
    chosen.load += 1;
    chosen.lastAssignedAt = new Date(now.getTime() + plan.length);
    plan.push({ ticket, assigneeId: chosen.id });
  }
  return plan;
}
