import { DEFAULT_QUEUE_KEY } from './tickets.constants.js';

export interface RoutableQueue {
  key: string;
  categories: readonly string[];
  /** Empty: every priority. */
  priorities: readonly string[];
  createdAt: Date;
}

/**
 * The queue a ticket belongs to. A queue that lists the category wins over `general`; among those,
 * one that also names the priority is more specific and wins; ties go to the older queue, so
 * adding a queue never silently takes work from an established one. No match: `general`.
 */
export function routeTicket(
  queues: readonly RoutableQueue[],
  ticket: { category: string; priority: string },
): string {
  const candidates = queues
    .filter((q) => q.key !== DEFAULT_QUEUE_KEY && q.categories.includes(ticket.category))
    .filter((q) => q.priorities.length === 0 || q.priorities.includes(ticket.priority))
    .sort(
      (a, b) =>
        Number(b.priorities.length > 0) - Number(a.priorities.length > 0) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.key.localeCompare(b.key),
    );
  return candidates[0]?.key ?? DEFAULT_QUEUE_KEY;
}
