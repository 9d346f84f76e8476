import type { TicketView } from '@desk/complaints';
import type { TicketEntity } from './ticket.entity.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function ticketView(t: TicketEntity): TicketView {
  return {
    id: t.id,
    complaintId: t.complaintId,
    queueKey: t.queueKey,
    status: t.status,
    priority: t.priority,
    category: t.category,
    assigneeId: t.assigneeId,
    firstResponseDueAt: t.firstResponseDueAt.toISOString(),
    resolutionDueAt: t.resolutionDueAt.toISOString(),
    firstRespondedAt: iso(t.firstRespondedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    slaPaused: t.pausedAt !== null,
    escalationLevel: t.escalationLevel,
    breached: t.breached,
    reopenCount: t.reopenCount,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
