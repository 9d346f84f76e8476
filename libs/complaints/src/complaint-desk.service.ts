import { Injectable } from '@nestjs/common';
import { DomainError, type Page } from '@desk/platform';
import type {
  ComplaintDetail,
  ComplaintSummary,
  ListComplaintsQuery,
} from './admin-complaint.dto.js';
import { ComplaintErrorCode } from './complaint.constants.js';
import { ComplaintRepository } from './complaint.repository.js';
import { complaintDetail, complaintSummary } from './complaint-views.js';
import { SearchText } from './search-text.js';
import { CompensationPort, TicketPort } from './ticket-port.js';

/** The agents' read side of complaints: filtered, searchable lists and the full record. */
@Injectable()
export class ComplaintDesk {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly searchText: SearchText,
    private readonly tickets: TicketPort,
    private readonly compensations: CompensationPort,
  ) {}

  async list(query: ListComplaintsQuery): Promise<Page<ComplaintSummary>> {
    const words = query.q ? this.searchText.words(query.q) : undefined;
    if (query.q && words?.length === 0)
      return { items: [], total: 0, page: query.page, limit: query.limit };
    const { items, total, totalIsEstimate } = await this.complaints.list({ ...query, words });
    return {
      items: items.map(complaintSummary),
      total,
      ...(totalIsEstimate ? { totalIsEstimate } : {}),
      page: query.page,
      limit: query.limit,
    };
  }

  async get(id: string): Promise<ComplaintDetail> {
    const complaint = await this.complaints.findById(id);
    if (!complaint)
      throw DomainError.notFound(ComplaintErrorCode.ComplaintNotFound, 'No complaint with this id');
    const [messages, ticket, compensations] = await Promise.all([
      this.complaints.messages(id),
      this.tickets.ticketOf(id),
      this.compensations.ofComplaint(id),
    ]);
    return complaintDetail(complaint, messages, ticket, compensations);
  }
}
