import { Injectable } from '@nestjs/common';
import type { TicketView } from '@desk/complaints';
import { DomainError, type Page, type Principal } from '@desk/platform';
import { CannedResponseRepository } from './canned-response.repository.js';
import type { CannedResponseList, ListCannedResponsesQuery } from './canned-response.dto.js';
import type {
  ListNotificationsQuery,
  NotificationPage,
  NotificationView,
} from './notification.dto.js';
import type { NotificationEntity } from './notification.entity.js';
import { NotificationRepository } from './notification.repository.js';
import type { QueueList } from './queue.dto.js';
import { QueueRepository } from './queue.repository.js';
import { cannedResponseView, queueView, slaPolicyView } from './settings.use-cases.js';
import type { SlaPolicyView } from './sla-policy.dto.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';
import { ticketNotFound } from './ticket-errors.js';
import type { ListTicketsQuery } from './ticket.dto.js';
import { TicketRepository } from './ticket.repository.js';
import { ticketView } from './ticket.views.js';
import { TicketErrorCode } from './tickets.constants.js';

const notificationView = (n: NotificationEntity): NotificationView => ({
  id: Number(n.id),
  kind: n.kind,
  title: n.title,
  ticketId: n.ticketId,
  data: n.data,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** Read side of tickets and their settings, and staff notifications. */
@Injectable()
export class TicketDesk {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly queues: QueueRepository,
    private readonly slaPolicies: SlaPolicyRepository,
    private readonly canned: CannedResponseRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  async list(me: Principal, query: ListTicketsQuery): Promise<Page<TicketView>> {
    const { items, total, totalIsEstimate } = await this.tickets.list({
      ...query,
      assigneeId: query.assignee === 'me' ? me.id : undefined,
    });
    return {
      items: items.map(ticketView),
      total,
      ...(totalIsEstimate ? { totalIsEstimate } : {}),
      page: query.page,
      limit: query.limit,
    };
  }

  async get(id: string): Promise<TicketView> {
    const ticket = await this.tickets.findById(id);
    if (!ticket) throw ticketNotFound();
    return ticketView(ticket);
  }

  async queueList(): Promise<QueueList> {
    const items = (await this.queues.all()).map(queueView);
    return { items, total: items.length };
  }

  async slaPolicyList(): Promise<SlaPolicyView[]> {
    return (await this.slaPolicies.all()).map(slaPolicyView);
  }

  async cannedResponses(query: ListCannedResponsesQuery): Promise<CannedResponseList> {
    const items = (await this.canned.list(query)).map(cannedResponseView);
    return { items, total: items.length };
  }

  async notificationsOf(me: Principal, query: ListNotificationsQuery): Promise<NotificationPage> {
    const { items, total, unread } = await this.notifications.list(me.id, query);
    return {
      items: items.map(notificationView),
      total,
      unread,
      page: query.page,
      limit: query.limit,
    };
  }

  /** Reading a notification is the reader's own business: not audited, idempotent. */
  async markRead(me: Principal, id: string): Promise<NotificationView> {
    const notification = /^\d{1,18}$/.test(id)
      ? await this.notifications.markRead(me.id, id)
      : null;
    if (!notification) {
      throw DomainError.notFound(
        TicketErrorCode.NotificationNotFound,
        'No notification of yours with this id',
      );
    }
    return notificationView(notification);
  }
}
