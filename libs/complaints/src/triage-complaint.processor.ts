import { Logger } from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import {
  JobHandler,
  JobName,
  QueueConsumer,
  QueueName,
  Transactions,
  type Tx,
} from '@desk/platform';
import { similarity } from '@desk/triage';
import type { Job } from 'bull';
import type { ComplaintEntity, ComplaintStatus } from './complaint.entity.js';
import { ComplaintRepository } from './complaint.repository.js';
import { IncidentPort, TicketPort } from './ticket-port.js';
import { TriageEngine, triageText } from './triage-engine.service.js';

/** The same user, within this many hours, with text at least this similar: a duplicate. */
export const DUPLICATE_WINDOW_HOURS = 72;
export const DUPLICATE_SIMILARITY = 0.5;

/**
 * Triages a complaint taken in by the API and opens its ticket in the same transaction. Idempotent: a complaint that already left `received`
 * is not touched again, so a job delivered twice (outbox relay after a crash) changes nothing.
 */
@QueueConsumer(QueueName.Triage)
export class TriageComplaintProcessor {
  private readonly logger = new Logger('Triage');

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly engine: TriageEngine,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly tickets: TicketPort,
    private readonly incidents: IncidentPort,
  ) {}

  @JobHandler(JobName.TriageComplaint, 4)
  async handle(job: Job<{ complaintId: string }>): Promise<ComplaintStatus | 'skipped'> {
    const { complaintId } = job.data;
    const found = await this.complaints.findById(complaintId);
    if (!found || found.status !== 'received') return 'skipped';
    const result = await this.engine.decide(triageText(found.title, found.description));
    return this.transactions.run(async (tx) => {
      const complaint = await this.complaints.lockById(tx, complaintId);
      if (!complaint || complaint.status !== 'received') return 'skipped';
      const original = await this.duplicateOf(tx, complaint);
      const status: ComplaintStatus = original
        ? 'duplicate'
        : result.needsReview
          ? 'needs_review'
          : 'triaged';
      const updated = await this.complaints.update(tx, complaintId, {
        status,
        category: result.category,
        priority: result.priority,
        language: result.language,
        triage: { ...result, explanation: { ...result.explanation } },
        triagedAt: new Date(),
        duplicateOfId: original?.id ?? null,
      });
      await this.audit.append(tx, {
        actor: SYSTEM,
        action: 'complaint.triaged',
        entityType: 'complaint',
        entityId: complaintId,
        before: { status: complaint.status },
        after: {
          status,
          category: updated.category,
          priority: updated.priority,
          confidence: result.confidence,
          duplicateOfId: updated.duplicateOfId,
        },
      });
      // Duplicates join the original's ticket instead of opening new work.
      if (status !== 'duplicate') await this.tickets.open(tx, updated);
      // While an incident of this kind is open, the complaint joins it (and its plan, if any).
      await this.incidents.complaintTriaged(tx, updated);
      this.logger.debug(
        `complaint ${complaintId} → ${status} (${result.category}/${result.priority})`,
      );
      return status;
    });
  }

  /** The earliest similar complaint of the same user in the window, followed to its own original. */
  private async duplicateOf(
    tx: Tx,
    complaint: ComplaintEntity,
  ): Promise<ComplaintEntity | undefined> {
    const text = triageText(complaint.title, complaint.description);
    const earlier = await this.complaints.recentOfUser(
      tx,
      complaint.platformUserId,
      complaint.createdAt,
      DUPLICATE_WINDOW_HOURS,
      complaint.id,
    );
    const match = earlier.find(
      (e) => similarity(text, triageText(e.title, e.description)) >= DUPLICATE_SIMILARITY,
    );
    if (match?.duplicateOfId)
      return (await this.complaints.findById(match.duplicateOfId, tx)) ?? match;
    return match;
  }
}
