import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, ParseArrayOf, type Principal, Roles, STAFF_READERS } from '@desk/platform';
import {
  CannedResponseList,
  CannedResponseView,
  CreateCannedResponseDto,
  ListCannedResponsesQuery,
} from './canned-response.dto.js';
import { CreateShiftUseCase } from './create-shift.use-case.js';
import { ListNotificationsQuery, NotificationPage, NotificationView } from './notification.dto.js';
import { CreateQueueDto, QueueList, QueueView } from './queue.dto.js';
import { SlaReport, SlaReportQuery } from './report.dto.js';
import { RosterDesk } from './roster-desk.service.js';
import {
  CreateCannedResponseUseCase,
  CreateQueueUseCase,
  UpdateSlaPoliciesUseCase,
} from './settings.use-cases.js';
import {
  CoverageView,
  CreateShiftDto,
  ListShiftsQuery,
  RosterView,
  ShiftList,
  ShiftView,
  WindowQuery,
} from './shift.dto.js';
import { SlaPolicyDto, SlaPolicyView } from './sla-policy.dto.js';
import { SlaReports } from './sla-report.service.js';
import { TicketDesk } from './ticket-desk.service.js';

const staff = (me: Principal) => ({ kind: 'staff' as const, id: me.id });

@ApiTags('queues')
@Controller('admin')
export class QueuesController {
  constructor(
    private readonly desk: TicketDesk,
    private readonly createQueue: CreateQueueUseCase,
    private readonly updateSla: UpdateSlaPoliciesUseCase,
    private readonly createCanned: CreateCannedResponseUseCase,
    private readonly reports: SlaReports,
  ) {}

  @Get('queues')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Queues and the categories/priorities they take' })
  @ApiOkResponse({ type: QueueList })
  queues(): Promise<QueueList> {
    return this.desk.queueList();
  }

  @Post('queues')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Add a queue (a queue listing a category wins over general)' })
  @ApiCreatedResponse({ type: QueueView })
  addQueue(@CurrentStaff() me: Principal, @Body() dto: CreateQueueDto): Promise<QueueView> {
    return this.createQueue.execute(staff(me), dto);
  }

  @Get('sla-policies')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'SLA targets per priority' })
  @ApiOkResponse({ type: [SlaPolicyView] })
  slaPolicies(): Promise<SlaPolicyView[]> {
    return this.desk.slaPolicyList();
  }

  @Put('sla-policies')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Change SLA targets of the listed priorities (tickets opened afterwards use them)',
  })
  @ApiBody({ type: [SlaPolicyDto] })
  @ApiOkResponse({ type: [SlaPolicyView] })
  putSlaPolicies(
    @CurrentStaff() me: Principal,
    @Body(new ParseArrayOf(SlaPolicyDto, { min: 1, max: 4 })) changes: SlaPolicyDto[],
  ): Promise<SlaPolicyView[]> {
    return this.updateSla.execute(staff(me), changes);
  }

  @Get('canned-responses')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Reply templates (zh and en) with their {{variables}}' })
  @ApiOkResponse({ type: CannedResponseList })
  canned(@Query() query: ListCannedResponsesQuery): Promise<CannedResponseList> {
    return this.desk.cannedResponses(query);
  }

  @Post('canned-responses')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Add a reply template in one language' })
  @ApiCreatedResponse({ type: CannedResponseView })
  addCanned(
    @CurrentStaff() me: Principal,
    @Body() dto: CreateCannedResponseDto,
  ): Promise<CannedResponseView> {
    return this.createCanned.execute(staff(me), dto);
  }

  @Get('reports/sla')
  @Roles(...STAFF_READERS)
  @ApiOperation({
    summary: 'Volume, first response and resolution (median, p90), breach rate, CSAT per group',
  })
  @ApiOkResponse({ type: SlaReport })
  slaReport(@Query() query: SlaReportQuery): Promise<SlaReport> {
    return this.reports.report(query);
  }
}

@ApiTags('shifts')
@Controller('admin')
export class ShiftsController {
  constructor(
    private readonly roster: RosterDesk,
    private readonly createShift: CreateShiftUseCase,
  ) {}

  @Get('shifts')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Who is on duty in a window (UTC, and local times with tz)' })
  @ApiOkResponse({ type: ShiftList })
  shifts(@Query() query: ListShiftsQuery): Promise<ShiftList> {
    return this.roster.list(query);
  }

  @Post('shifts')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'One-off shift {staffId, queueKeys, startsAt, endsAt} or weekly roster {staffId, queueKeys, timeZone, weekly, from?, until?}',
  })
  @ApiCreatedResponse({ type: ShiftView, description: 'A one-off shift, or a RosterView' })
  addShift(
    @CurrentStaff() me: Principal,
    @Body() dto: CreateShiftDto,
  ): Promise<ShiftView | RosterView> {
    return this.createShift.execute(staff(me), dto);
  }

  @Get('coverage')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Stretches in which a queue has nobody on duty (the 24/7 gaps)' })
  @ApiOkResponse({ type: CoverageView })
  coverage(@Query() query: WindowQuery): Promise<CoverageView> {
    return this.roster.coverage(query);
  }
}

@ApiTags('notifications')
@Controller('admin/notifications')
export class NotificationsController {
  constructor(private readonly desk: TicketDesk) {}

  @Get()
  @Roles('agent', 'supervisor', 'finance')
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: NotificationPage })
  list(
    @CurrentStaff() me: Principal,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    return this.desk.notificationsOf(me, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles('agent', 'supervisor', 'finance')
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentStaff() me: Principal, @Param('id') id: string): Promise<NotificationView> {
    return this.desk.markRead(me, id);
  }
}
