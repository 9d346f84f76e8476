import type { IncidentView, PlanView, StatementView } from './incidents.dto.js';
import type { IncidentPlanEntity } from './incident-plan.entity.js';
import type { IncidentStatementEntity } from './incident-statement.entity.js';
import type { IncidentEntity } from './incident.entity.js';

export function incidentView(
  i: IncidentEntity,
  counts: { complaints: number; users: number } | undefined,
): IncidentView {
  return {
    id: i.id,
    title: i.title,
    category: i.category,
    status: i.status,
    severity: i.severity,
    source: i.source,
    terms: i.terms,
    complaintCount: counts?.complaints ?? 0,
    affectedUsers: counts?.users ?? 0,
    openedAt: i.openedAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    mergedIntoId: i.mergedIntoId,
  };
}

export function statementView(s: IncidentStatementEntity): StatementView {
  return {
    id: s.id,
    kind: s.kind,
    locale: s.locale,
    title: s.title,
    body: s.body,
    templateKey: s.templateKey,
    publishedAt: s.publishedAt.toISOString(),
  };
}

export function planView(
  p: IncidentPlanEntity,
  progress: { total: number; done: number; failed: number },
): PlanView {
  const n = (v: string | null) => (v === null ? null : Number(v));
  return {
    id: p.id,
    status: p.status,
    memberDays: Number(p.memberDays),
    qCoins: Number(p.qCoins),
    budgetMemberDays: n(p.budgetMemberDays),
    budgetQCoins: n(p.budgetQCoins),
    ...progress,
    proposedBy: p.proposedBy,
    approvedBy: p.approvedBy,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    completedAt: p.completedAt?.toISOString() ?? null,
  };
}
