import type { ComplaintMessageEntity } from './complaint-message.entity.js';
import type { ComplaintEntity } from './complaint.entity.js';
import type { ComplaintDetail, ComplaintSummary } from './admin-complaint.dto.js';
import type { ComplaintCompensation, TicketView } from './ticket-port.js';

export function complaintSummary(c: ComplaintEntity): ComplaintSummary {
  return {
    id: c.id,
    trackingCode: c.trackingCode,
    status: c.status,
    category: c.category,
    priority: c.priority,
    platformUserId: c.platformUserId,
    title: c.title,
    excerpt: c.description.slice(0, 200),
    needsReview: c.triage ? c.triage.needsReview : null,
    duplicateOfId: c.duplicateOfId,
    createdAt: c.createdAt.toISOString(),
  };
}

export function complaintDetail(
  c: ComplaintEntity,
  messages: ComplaintMessageEntity[],
  ticket: TicketView | null,
  compensations: ComplaintCompensation[],
): ComplaintDetail {
  return {
    id: c.id,
    trackingCode: c.trackingCode,
    status: c.status,
    category: c.category,
    priority: c.priority,
    platformUserId: c.platformUserId,
    contact: c.contact,
    title: c.title,
    description: c.description,
    locale: c.locale,
    userCategory: c.userCategory,
    occurredAt: c.occurredAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    triage: c.triage,
    duplicateOfId: c.duplicateOfId,
    ticket,
    messages: messages.map((m) => ({
      id: Number(m.id),
      authorKind: m.authorKind,
      authorId: m.authorId,
      visibility: m.visibility,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
    compensations,
  };
}
