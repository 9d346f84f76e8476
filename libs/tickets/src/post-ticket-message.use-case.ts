import { Injectable } from '@nestjs/common';
import { AuditLog, type Actor } from '@desk/audit';
import { CATEGORY_LABELS, type Category, ComplaintRepository } from '@desk/complaints';
import { CommonErrorCode, DomainError, Transactions } from '@desk/platform';
import { renderTemplate } from './canned-response.policy.js';
import { CannedResponseRepository } from './canned-response.repository.js';
import { SlaTimers, clockOf } from './sla-clock.js';
import { nextWakeUp } from './sla.policy.js';
import { ticketClosed, ticketNotFound } from './ticket-errors.js';
import type { PostMessageDto, TicketMessageView } from './ticket.dto.js';
import { TicketRepository } from './ticket.repository.js';
import { MAX_MESSAGE_LENGTH, TicketErrorCode } from './tickets.constants.js';

/**
 * An agent writes on a ticket: a public reply (shown on the user's tracking page; the first one
 * meets the first-response SLA) or an internal note. Canned responses are rendered in the user's
 * language with the variables given, plus `trackingCode` and `category` filled in by the desk.
 */
@Injectable()
export class PostTicketMessageUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly complaints: ComplaintRepository,
    private readonly canned: CannedResponseRepository,
    private readonly timers: SlaTimers,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async execute(
    actor: Extract<Actor, { kind: 'staff' }>,
    id: string,
    dto: PostMessageDto,
  ): Promise<TicketMessageView> {
    if ((dto.body === undefined) === (dto.cannedKey === undefined)) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        'Give either body or cannedKey (with variables), not both',
      );
    }
    const found = await this.tickets.findById(id);
    if (!found) throw ticketNotFound();
    const complaint = (await this.complaints.findById(found.complaintId))!;
    const body = dto.body ?? (await this.render(dto, complaint));

    return this.transactions.run(async (tx) => {
      const ticket = (await this.tickets.lockById(tx, id))!;
      if (ticket.status === 'closed') throw ticketClosed();
      const message = await this.complaints.addMessage(tx, {
        complaintId: ticket.complaintId,
        authorKind: 'agent',
        authorId: actor.id,
        visibility: dto.visibility,
        body,
      });
      if (dto.visibility === 'public' && !ticket.firstRespondedAt) {
        const firstRespondedAt = message.createdAt;
        const slaNextAt = nextWakeUp({ ...clockOf(ticket), firstRespondedAt });
        const updated = await this.tickets.update(tx, ticket.id, { firstRespondedAt, slaNextAt });
        await this.timers.arm(tx, updated);
      }
      await this.audit.append(tx, {
        actor,
        action: 'ticket.message_posted',
        entityType: 'ticket',
        entityId: ticket.id,
        after: {
          messageId: message.id,
          visibility: dto.visibility,
          cannedKey: dto.cannedKey ?? null,
        },
      });
      return {
        id: Number(message.id),
        ticketId: ticket.id,
        visibility: message.visibility,
        body: message.body,
        authorId: actor.id,
        createdAt: message.createdAt.toISOString(),
      };
    });
  }

  private async render(
    dto: PostMessageDto,
    complaint: { trackingCode: string; category: string | null; locale: string | null },
  ): Promise<string> {
    const templates = await this.canned.byKey(dto.cannedKey!);
    const locale = dto.locale ?? complaint.locale ?? 'zh';
    const template = templates.find((t) => t.locale === locale) ?? templates[0];
    if (!template) {
      throw DomainError.invalid(
        TicketErrorCode.CannedResponseNotFound,
        `No canned response with key ${dto.cannedKey}`,
      );
    }
    const category = complaint.category as Category | null;
    const { text, missing } = renderTemplate(template.body, {
      trackingCode: complaint.trackingCode,
      ...(category ? { category: CATEGORY_LABELS[category][template.locale] } : {}),
      ...dto.variables,
    });
    if (missing.length > 0) {
      throw DomainError.invalid(
        TicketErrorCode.TemplateVariablesMissing,
        `The canned response needs: ${missing.join(', ')}`,
        missing.map((name) => `variables.${name} is required by the template`),
      );
    }
    if (text.length > MAX_MESSAGE_LENGTH) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        `The rendered reply is longer than ${MAX_MESSAGE_LENGTH} characters`,
      );
    }
    return text;
  }
}
