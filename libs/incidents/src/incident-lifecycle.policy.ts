import type { IncidentStatus } from './incidents.constants.js';

const ORDER: IncidentStatus[] = ['detected', 'confirmed', 'mitigating', 'resolved', 'reviewed'];

/**
 * Moves along `detected → confirmed → mitigating → resolved → reviewed` (forward, steps may be
 * skipped: a quick fix goes from confirmed to resolved), or to `dismissed` from any state before
 * `resolved`. Nothing moves back; only a resolved incident is reviewed (with its review), and
 * `dismissed` is final.
 */
export function canMove(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === to) return false;
  if (to === 'dismissed')
    return ORDER.indexOf(from) >= 0 && ORDER.indexOf(from) < ORDER.indexOf('resolved');
  if (from === 'dismissed') return false;
  if (to === 'reviewed') return from === 'resolved';
  return ORDER.indexOf(to) > ORDER.indexOf(from);
}

export const isOpenIncident = (status: IncidentStatus) =>
  status === 'detected' || status === 'confirmed' || status === 'mitigating';
