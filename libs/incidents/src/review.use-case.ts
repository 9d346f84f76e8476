import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { ComplaintRepository } from '@desk/complaints';
import { DomainError, Transactions } from '@desk/platform';
import { incidentNotFound } from './incident-actions.use-cases.js';
import { IncidentRepository } from './incident.repository.js';
import type { ReviewDto } from './incidents.dto.js';
import { IncidentErrorCode } from './incidents.constants.js';
import { reviewMarkdown, type TimelineEvent } from './review.policy.js';

/** What an audited action says in a timeline; actions not listed stay out of it. */
function describe(action: string, after: Record<string, unknown> | null): string | null {
  const a = after ?? {};
  switch (action) {
    case 'incident.detected':
      return `Spike detected by the desk: ${a.count} complaints in the window, ${a.ratio}× the baseline of ${a.baseline}`;
    case 'incident.refined':
      return `Spike refined: key terms ${(a.terms as string[] | undefined)?.join(', ')}`;
    case 'incident.created':
      return 'Incident opened by a supervisor';
    case 'incident.confirmed':
    case 'incident.mitigating':
    case 'incident.resolved':
    case 'incident.dismissed':
      return `Status: ${action.split('.')[1]}`;
    case 'incident.updated':
      return `Changed: severity ${a.severity}, title "${a.title}"`;
    case 'incident.statement_published':
      return `Statement published (${a.kind}, ${a.locale}): ${a.title}`;
    case 'incident.merged':
      return `Merged into incident ${a.mergedIntoId}`;
    case 'incident.plan_proposed':
      return `Compensation plan proposed: ${a.memberDays} member days, ${a.qCoins} Q-coins per user`;
    case 'incident.plan_approved':
      return 'Compensation plan approved by finance; grants started';
    case 'incident.plan_completed':
      return `Compensation plan completed: ${a.done} of ${a.total} users granted`;
    default:
      return null;
  }
}

/** The post-incident review: written once the incident is resolved; read back as Markdown. */
@Injectable()
export class IncidentReviews {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  write(
    actor: Extract<Actor, { kind: 'staff' }>,
    id: string,
    dto: ReviewDto,
  ): Promise<{ status: string }> {
    return this.transactions.run(async (tx) => {
      const incident = await this.incidents.lockById(tx, id);
      if (!incident) throw incidentNotFound();
      if (await this.incidents.findReview(id, tx)) {
        throw DomainError.conflict(IncidentErrorCode.ReviewExists, 'This incident has its review');
      }
      if (incident.status !== 'resolved') {
        throw DomainError.conflict(
          IncidentErrorCode.NotResolved,
          'An incident is reviewed once it is resolved',
        );
      }
      await this.incidents.insertReview(tx, {
        incidentId: id,
        cause: dto.cause,
        actions: dto.actions,
        lessons: dto.lessons,
        createdBy: actor.id,
      });
      await this.incidents.update(tx, id, { status: 'reviewed', closedAt: new Date() });
      await this.audit.append(tx, {
        actor,
        action: 'incident.reviewed',
        entityType: 'incident',
        entityId: id,
        before: { status: incident.status },
        after: { status: 'reviewed' },
      });
      return { status: 'reviewed' };
    });
  }

  async markdown(id: string): Promise<string> {
    const incident = await this.incidents.findById(id);
    if (!incident) throw incidentNotFound();
    const review = await this.incidents.findReview(id);
    if (!review)
      throw DomainError.notFound(
        IncidentErrorCode.ReviewRequired,
        'This incident has no review yet',
      );
    const [counts, plan] = await Promise.all([
      this.complaints.incidentCounts([id]).then((m) => m.get(id)),
      this.incidents.planOf(id),
    ]);
    const trail = await this.incidents.auditTrail(plan ? [id, plan.id] : [id]);
    const timeline: TimelineEvent[] = trail.flatMap((r) => {
      const what = describe(r.action, r.after);
      return what ? [{ at: r.at, what }] : [];
    });
    if (counts?.firstAt)
      timeline.push({ at: counts.firstAt, what: 'First complaint of the incident filed' });
    timeline.push({ at: review.createdAt, what: 'Review written' });
    const progress = plan ? await this.incidents.planProgress(plan.id, id) : null;
    return reviewMarkdown({
      incident: {
        id,
        title: incident.title,
        category: incident.category,
        severity: incident.severity,
        status: incident.status,
        complaintCount: counts?.complaints ?? 0,
        affectedUsers: counts?.users ?? 0,
        openedAt: incident.openedAt,
        resolvedAt: incident.resolvedAt,
      },
      review,
      timeline,
      plan:
        plan && progress
          ? { memberDays: Number(plan.memberDays), qCoins: Number(plan.qCoins), ...progress }
          : null,
    });
  }
}
