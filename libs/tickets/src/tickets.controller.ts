import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TicketView } from '@desk/complaints';
import { CurrentStaff, type Principal, Roles, STAFF_READERS, UuidParam } from '@desk/platform';
import { AssignTicketUseCase, ClaimTicketUseCase } from './claim-ticket.use-case.js';
import { PostTicketMessageUseCase } from './post-ticket-message.use-case.js';
import {
  AssignTicketDto,
  ListTicketsQuery,
  PostMessageDto,
  TicketMessageView,
  TicketPage,
  TransitionTicketDto,
} from './ticket.dto.js';
import { TicketDesk } from './ticket-desk.service.js';
import { TransitionTicketUseCase } from './transition-ticket.use-case.js';

export const WORKERS: ('agent' | 'supervisor')[] = ['agent', 'supervisor'];
const staff = (me: Principal) => ({ kind: 'staff' as const, id: me.id });

@ApiTags('tickets')
@Controller('admin/tickets')
export class TicketsController {
  constructor(
    private readonly desk: TicketDesk,
    private readonly claimTicket: ClaimTicketUseCase,
    private readonly assignTicket: AssignTicketUseCase,
    private readonly transitionTicket: TransitionTicketUseCase,
    private readonly postMessage: PostTicketMessageUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_READERS)
  @ApiOperation({
    summary: 'Tickets, newest first (filters: queue, status, assignee=me, priority, breached)',
  })
  @ApiOkResponse({ type: TicketPage })
  list(@CurrentStaff() me: Principal, @Query() query: ListTicketsQuery): Promise<TicketPage> {
    return this.desk.list(me, query);
  }

  @Get(':id')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'One ticket with its SLA deadlines' })
  @ApiOkResponse({ type: TicketView })
  get(@Param('id', UuidParam) id: string): Promise<TicketView> {
    return this.desk.get(id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'Take an unowned ticket (409 if someone else owns it)' })
  @ApiOkResponse({ type: TicketView })
  claim(@CurrentStaff() me: Principal, @Param('id', UuidParam) id: string): Promise<TicketView> {
    return this.claimTicket.execute(staff(me), id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'Give the ticket to an agent (audited; the agent is notified)' })
  @ApiOkResponse({ type: TicketView })
  assign(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: AssignTicketDto,
  ): Promise<TicketView> {
    return this.assignTicket.execute(staff(me), id, dto.agentId);
  }

  @Post(':id/transition')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary:
      'Move the ticket: new→assigned, assigned→in_progress, in_progress→awaiting_user|resolved, awaiting_user→in_progress|resolved, resolved→closed|in_progress; anything else 409',
  })
  @ApiOkResponse({ type: TicketView })
  transition(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: TransitionTicketDto,
  ): Promise<TicketView> {
    return this.transitionTicket.execute(staff(me), id, dto.status);
  }

  @Post(':id/messages')
  @Roles(...WORKERS)
  @ApiOperation({
    summary:
      'Reply (public: on the tracking page) or note (internal); body or cannedKey + variables',
  })
  @ApiCreatedResponse({ type: TicketMessageView })
  message(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: PostMessageDto,
  ): Promise<TicketMessageView> {
    return this.postMessage.execute(staff(me), id, dto);
  }
}
