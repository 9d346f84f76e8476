import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { CommonErrorCode, DomainError, Transactions } from '@desk/platform';
import type { ComplaintDetail, CorrectTriageDto } from './admin-complaint.dto.js';
import { ComplaintErrorCode } from './complaint.constants.js';
import { ComplaintRepository } from './complaint.repository.js';
import { complaintDetail } from './complaint-views.js';
import { CompensationPort, TicketPort } from './ticket-port.js';
import { triageText } from './triage-engine.service.js';

/**
 * An agent corrects category and/or priority. The correction is audited with its reason, settles a
 * pending review, and becomes a labelled example the classifier learns from.
 */
@Injectable()
export class CorrectTriageUseCase {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly tickets: TicketPort,
    private readonly compensations: CompensationPort,
  ) {}

  async execute(
    actor: Extract<Actor, { kind: 'staff' }>,
    id: string,
    dto: CorrectTriageDto,
  ): Promise<ComplaintDetail> {
    if (dto.category === undefined && dto.priority === undefined) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        'Give category, priority or both',
      );
    }
    const updated = await this.transactions.run(async (tx) => {
      const complaint = await this.complaints.lockById(tx, id);
      if (!complaint)
        throw DomainError.notFound(
          ComplaintErrorCode.ComplaintNotFound,
          'No complaint with this id',
        );
      const category = dto.category ?? complaint.category ?? 'other';
      const priority = dto.priority ?? complaint.priority ?? 'P4';
      const status =
        complaint.status === 'needs_review' || complaint.status === 'received'
          ? 'triaged'
          : complaint.status;
      const result = await this.complaints.update(tx, id, { category, priority, status });
      await this.complaints.addTriageExample(tx, {
        text: triageText(complaint.title, complaint.description),
        category,
        priority,
        complaintId: id,
        createdBy: actor.id,
      });
      await this.audit.append(tx, {
        actor,
        action: 'complaint.triage_corrected',
        entityType: 'complaint',
        entityId: id,
        before: {
          category: complaint.category,
          priority: complaint.priority,
          status: complaint.status,
        },
        after: { category, priority, status, reason: dto.reason },
      });
      if (category !== complaint.category || priority !== complaint.priority)
        await this.tickets.recategorized(tx, result);
      return result;
    });
    return complaintDetail(
      updated,
      await this.complaints.messages(id),
      await this.tickets.ticketOf(id),
      await this.compensations.ofComplaint(id),
    );
  }
}
