import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IncidentPort, PublicIncident } from '@desk/complaints';
import {
  CurrentStaff,
  type Principal,
  Public,
  Roles,
  STAFF_READERS,
  UuidParam,
} from '@desk/platform';
import { IncidentActions } from './incident-actions.use-cases.js';
import { IncidentDesk } from './incident-desk.service.js';
import {
  CreateIncidentDto,
  IncidentDetail,
  IncidentPage,
  IncidentView,
  LinkComplaintsDto,
  ListIncidentsQuery,
  MergeIncidentDto,
  PlanDto,
  PlanView,
  ReviewDto,
  StatementDto,
  StatementView,
  UpdateIncidentDto,
} from './incidents.dto.js';
import { IncidentPlans } from './plan.use-cases.js';
import { IncidentReviews } from './review.use-case.js';
import { PublishStatementUseCase } from './statements.use-case.js';

const staff = (me: Principal) => ({ kind: 'staff' as const, id: me.id });

@ApiTags('incidents')
@Controller('admin/incidents')
export class IncidentsController {
  constructor(
    private readonly desk: IncidentDesk,
    private readonly actions: IncidentActions,
    private readonly statements: PublishStatementUseCase,
    private readonly plans: IncidentPlans,
    private readonly reviews: IncidentReviews,
  ) {}

  @Get()
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Incidents, newest first' })
  @ApiOkResponse({ type: IncidentPage })
  list(@Query() query: ListIncidentsQuery): Promise<IncidentPage> {
    return this.desk.list(query);
  }

  @Post()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Open an incident by hand (409 while one of the category is open)' })
  @ApiCreatedResponse({ type: IncidentView })
  create(@CurrentStaff() me: Principal, @Body() dto: CreateIncidentDto): Promise<IncidentView> {
    return this.actions.create(staff(me), dto);
  }

  @Get(':id')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'One incident with its statements, plan and detection figures' })
  @ApiOkResponse({ type: IncidentDetail })
  get(@Param('id', UuidParam) id: string): Promise<IncidentDetail> {
    return this.desk.get(id);
  }

  @Patch(':id')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Change status (detected → confirmed → mitigating → resolved → reviewed, or dismissed), severity, title',
  })
  @ApiOkResponse({ type: IncidentView })
  update(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateIncidentDto,
  ): Promise<IncidentView> {
    return this.actions.update(staff(me), id, dto);
  }

  @Post(':id/complaints')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Link complaints (moving them from another incident if linked there)' })
  @ApiOkResponse({ type: IncidentView })
  link(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: LinkComplaintsDto,
  ): Promise<IncidentView> {
    return this.actions.link(staff(me), id, dto.complaintIds);
  }

  @Delete(':id/complaints/:complaintId')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Unlink a complaint' })
  @ApiOkResponse({ type: IncidentView })
  unlink(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Param('complaintId', UuidParam) complaintId: string,
  ): Promise<IncidentView> {
    return this.actions.unlink(staff(me), id, complaintId);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Merge this incident into another (its complaints move; it is dismissed)',
  })
  @ApiOkResponse({ type: IncidentView, description: 'The incident merged into' })
  merge(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: MergeIncidentDto,
  ): Promise<IncidentView> {
    return this.actions.merge(staff(me), id, dto.intoId);
  }

  @Post(':id/statements')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Publish a statement {kind, locale, title, body} or {kind, locale, templateKey, variables}; immutable; public ones reach every linked ticket',
  })
  @ApiCreatedResponse({ type: StatementView })
  statement(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: StatementDto,
  ): Promise<StatementView> {
    return this.statements.execute(staff(me), id, dto);
  }

  @Post(':id/compensation-plan')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Propose the bulk compensation of every affected user (waits for finance)',
  })
  @ApiCreatedResponse({ type: PlanView })
  proposePlan(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: PlanDto,
  ): Promise<PlanView> {
    return this.plans.propose(staff(me), id, dto);
  }

  @Post(':id/compensation-plan/approve')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Approve the plan (not its proposer): the bulk grants start' })
  @ApiOkResponse({ type: PlanView })
  approvePlan(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
  ): Promise<PlanView> {
    return this.plans.approve(me, id);
  }

  @Get(':id/compensation-plan')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'The plan and its progress {status, total, done, failed}' })
  @ApiOkResponse({ type: PlanView })
  plan(@Param('id', UuidParam) id: string): Promise<PlanView> {
    return this.plans.status(id);
  }

  @Post(':id/review')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Write the post-incident review (once resolved); the incident becomes reviewed',
  })
  @ApiCreatedResponse({ description: '{status: "reviewed"}' })
  review(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: ReviewDto,
  ): Promise<{ status: string }> {
    return this.reviews.write(staff(me), id, dto);
  }

  @Get(':id/review.md')
  @Roles(...STAFF_READERS)
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @ApiOperation({ summary: 'The review as Markdown, with a timeline from the audit trail' })
  @ApiProduces('text/markdown')
  reviewMarkdown(@Param('id', UuidParam) id: string): Promise<string> {
    return this.reviews.markdown(id);
  }
}

@ApiTags('public')
@Public()
@Controller('public/incidents')
export class PublicIncidentsController {
  constructor(private readonly incidents: IncidentPort) {}

  @Get()
  @ApiOperation({ summary: 'Open and recently resolved incidents with their public statements' })
  @ApiOkResponse({ type: [PublicIncident], description: '{items: [...]}' })
  async list(): Promise<{ items: PublicIncident[] }> {
    return { items: await this.incidents.publicIncidents() };
  }
}
