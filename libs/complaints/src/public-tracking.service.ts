import { Injectable } from '@nestjs/common';
import { AuditLog, PUBLIC } from '@desk/audit';
import { DomainError, RedisCounter, Transactions } from '@desk/platform';
import { ComplaintErrorCode, TRACKING_CODE } from './complaint.constants.js';
import type { ComplaintEntity } from './complaint.entity.js';
import { ComplaintRepository } from './complaint.repository.js';
import type {
  PublicReply,
  SatisfactionDto,
  TrackingView,
  UserReplyDto,
} from './public-complaint.dto.js';
import { CompensationPort, IncidentPort, TicketPort } from './ticket-port.js';
import { tokenMatches } from './tracking-credentials.js';

/** Wrong tracking tokens allowed per IP and minute before 429. */
export const TRACKING_FAILURES_PER_MINUTE = 10;

/**
 * The user's side of a complaint, reached with its tracking code and token. A wrong code and a wrong
 * token look the same (404), and both count against the caller's IP.
 */
@Injectable()
export class PublicTrackingService {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly counter: RedisCounter,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly tickets: TicketPort,
    private readonly compensations: CompensationPort,
    private readonly incidents: IncidentPort,
  ) {}

  async view(trackingCode: string, token: string | undefined, ip: string): Promise<TrackingView> {
    const complaint = await this.authorise(trackingCode, token, ip);
    return this.render(complaint);
  }

  async reply(
    trackingCode: string,
    token: string | undefined,
    ip: string,
    dto: UserReplyDto,
  ): Promise<PublicReply> {
    const complaint = await this.authorise(trackingCode, token, ip);
    const message = await this.transactions.run(async (tx) => {
      const saved = await this.complaints.addMessage(tx, {
        complaintId: complaint.id,
        authorKind: 'user',
        authorId: null,
        visibility: 'public',
        body: dto.body,
      });
      await this.audit.append(tx, {
        actor: PUBLIC,
        action: 'complaint.user_replied',
        entityType: 'complaint',
        entityId: complaint.id,
        after: { messageId: saved.id },
      });
      await this.tickets.userReplied(tx, complaint, saved.createdAt);
      return saved;
    });
    return { from: 'user', body: message.body, at: message.createdAt.toISOString() };
  }

  async rate(
    trackingCode: string,
    token: string | undefined,
    ip: string,
    dto: SatisfactionDto,
  ): Promise<{ rating: number }> {
    const found = await this.authorise(trackingCode, token, ip);
    return this.transactions.run(async (tx) => {
      const complaint = (await this.complaints.lockById(tx, found.id))!;
      const status = await this.tickets.publicStatus(complaint);
      if (status !== 'resolved' && status !== 'closed') {
        throw DomainError.conflict(
          ComplaintErrorCode.NotResolved,
          'A complaint can be rated once it is resolved',
        );
      }
      if (complaint.satisfactionRating !== null) {
        throw DomainError.conflict(
          ComplaintErrorCode.AlreadyRated,
          'This complaint has been rated already',
        );
      }
      await this.complaints.update(tx, complaint.id, {
        satisfactionRating: dto.rating,
        satisfactionComment: dto.comment ?? null,
      });
      await this.tickets.rated(tx, complaint, dto.rating);
      await this.audit.append(tx, {
        actor: PUBLIC,
        action: 'complaint.rated',
        entityType: 'complaint',
        entityId: complaint.id,
        after: { rating: dto.rating },
      });
      return { rating: dto.rating };
    });
  }

  private async authorise(
    trackingCode: string,
    token: string | undefined,
    ip: string,
  ): Promise<ComplaintEntity> {
    const key = `tracking-fail:${ip}`;
    const failures = await this.counter.peek(key, 60);
    if (failures && failures.count >= TRACKING_FAILURES_PER_MINUTE) {
      throw DomainError.tooManyRequests(
        ComplaintErrorCode.TrackingThrottled,
        `Too many wrong tracking codes or tokens; try again in ${failures.resetsIn} seconds`,
        failures.resetsIn,
      );
    }
    const complaint = TRACKING_CODE.test(trackingCode)
      ? await this.complaints.findByTrackingCode(trackingCode)
      : null;
    if (!complaint || !token || !tokenMatches(token, complaint.trackingTokenHash)) {
      await this.counter.hit(key, 60);
      throw DomainError.notFound(
        ComplaintErrorCode.ComplaintNotFound,
        'No complaint with this tracking code and token',
      );
    }
    return complaint;
  }

  private async render(complaint: ComplaintEntity): Promise<TrackingView> {
    const [messages, granted, incident] = await Promise.all([
      this.complaints.messages(complaint.id, 'public'),
      this.compensations.ofComplaint(complaint.id),
      this.incidents.forTracking(complaint),
    ]);
    return {
      trackingCode: complaint.trackingCode,
      status: await this.tickets.publicStatus(complaint),
      category: complaint.category,
      createdAt: complaint.createdAt.toISOString(),
      replies: messages
        .filter((m) => m.authorKind === 'user' || m.authorKind === 'agent')
        .map((m) => ({
          from: m.authorKind as 'user' | 'agent',
          body: m.body,
          at: m.createdAt.toISOString(),
        })),
      // What was granted; proposals still under review or turned down are the desk's business.
      compensations: [
        ...granted
          .filter((c) => c.status === 'posted' || c.status === 'fulfilled')
          .map((c) => ({ memberDays: c.memberDays, qCoins: c.qCoins, status: c.status })),
        ...incident.compensations,
      ],
      ...(incident.incident ? { incident: incident.incident } : {}),
    };
  }
}
