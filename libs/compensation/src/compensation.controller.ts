import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, type Principal, Roles, STAFF_READERS, UuidParam } from '@desk/platform';
import { ApproveCompensationUseCase } from './approve-compensation.use-case.js';
import {
  ProposeCompensationUseCase,
  RejectCompensationUseCase,
  RetryFulfilmentUseCase,
} from './compensation-actions.use-cases.js';
import { CompensationDesk } from './compensation-desk.service.js';
import {
  ApprovalPolicyDto,
  ApprovalPolicyView,
  ApproveDto,
  CompensationPage,
  CompensationView,
  ListCompensationsQuery,
  ProposeCompensationDto,
  RejectDto,
  RuleDto,
  RuleList,
  RulePreview,
  RulePreviewDto,
  RuleView,
} from './compensation.dto.js';
import { CompensationRules, RuleProposals } from './rules.use-cases.js';

const PROPOSERS: ('agent' | 'supervisor')[] = ['agent', 'supervisor'];
const APPROVERS: ('supervisor' | 'finance')[] = ['supervisor', 'finance'];
const staff = (me: Principal) => ({ kind: 'staff' as const, id: me.id });

@ApiTags('compensation')
@Controller('admin')
export class CompensationController {
  constructor(
    private readonly desk: CompensationDesk,
    private readonly proposeCompensation: ProposeCompensationUseCase,
    private readonly approveCompensation: ApproveCompensationUseCase,
    private readonly rejectCompensation: RejectCompensationUseCase,
    private readonly retryFulfilment: RetryFulfilmentUseCase,
    private readonly rules: CompensationRules,
    private readonly ruleProposals: RuleProposals,
  ) {}

  @Post('compensations')
  @Roles(...PROPOSERS)
  @ApiOperation({ summary: 'Propose compensation for a complaint (judged by the approval policy)' })
  @ApiCreatedResponse({ type: CompensationView })
  propose(
    @CurrentStaff() me: Principal,
    @Body() dto: ProposeCompensationDto,
  ): Promise<CompensationView> {
    return this.proposeCompensation.execute(staff(me), dto);
  }

  @Get('compensations')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Proposals and grants, newest first' })
  @ApiOkResponse({ type: CompensationPage })
  list(@Query() query: ListCompensationsQuery): Promise<CompensationPage> {
    return this.desk.list(query);
  }

  @Get('compensations/:id')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'One proposal with its approval trail' })
  @ApiOkResponse({ type: CompensationView })
  get(@Param('id', UuidParam) id: string): Promise<CompensationView> {
    return this.desk.get(id);
  }

  @Post('compensations/:id/approve')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({
    summary: 'Approve (never your own proposal); the last approval posts the grant to the ledger',
  })
  @ApiOkResponse({ type: CompensationView })
  approve(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: ApproveDto,
  ): Promise<CompensationView> {
    return this.approveCompensation.execute(me, id, dto.note);
  }

  @Post('compensations/:id/reject')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Reject a pending proposal (reason required)' })
  @ApiOkResponse({ type: CompensationView })
  reject(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: RejectDto,
  ): Promise<CompensationView> {
    return this.rejectCompensation.execute(staff(me), id, dto.reason);
  }

  @Post('compensations/:id/retry-fulfilment')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Deliver a failed grant again' })
  @ApiOkResponse({ type: CompensationView })
  retry(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
  ): Promise<CompensationView> {
    return this.retryFulfilment.execute(staff(me), id);
  }

  @Get('compensation/rules')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Compensation rules (current versions)' })
  @ApiOkResponse({ type: RuleList })
  listRules(): Promise<RuleList> {
    return this.rules.list();
  }

  @Post('compensation/rules')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Add a compensation rule (version 1)' })
  @ApiCreatedResponse({ type: RuleView })
  createRule(@CurrentStaff() me: Principal, @Body() dto: RuleDto): Promise<RuleView> {
    return this.rules.create(staff(me), dto);
  }

  @Put('compensation/rules/:id')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Replace a rule: a new version; grants keep naming the version they used',
  })
  @ApiOkResponse({ type: RuleView })
  updateRule(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: RuleDto,
  ): Promise<RuleView> {
    return this.rules.update(staff(me), id, dto);
  }

  @Post('compensation/rules/preview')
  @HttpCode(200)
  @Roles(...PROPOSERS)
  @ApiOperation({ summary: 'Dry run: which rules match a complaint and what they would propose' })
  @ApiOkResponse({ type: RulePreview })
  preview(@Body() dto: RulePreviewDto): Promise<RulePreview> {
    return this.ruleProposals.preview(dto.complaintId);
  }

  @Post('compensation/rules/apply')
  @HttpCode(200)
  @Roles(...PROPOSERS)
  @ApiOperation({ summary: 'Propose what the matching rules give (once per rule and complaint)' })
  @ApiOkResponse({ type: [CompensationView] })
  apply(@CurrentStaff() me: Principal, @Body() dto: RulePreviewDto): Promise<CompensationView[]> {
    return this.ruleProposals.apply(staff(me), dto.complaintId);
  }

  @Get('approval-policy')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Approval thresholds per unit (inclusive) and the policy version' })
  @ApiOkResponse({ type: ApprovalPolicyView })
  policy(): Promise<ApprovalPolicyView> {
    return this.desk.policy();
  }

  @Put('approval-policy')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Replace the approval policy (a new version)' })
  @ApiOkResponse({ type: ApprovalPolicyView })
  putPolicy(
    @CurrentStaff() me: Principal,
    @Body() dto: ApprovalPolicyDto,
  ): Promise<ApprovalPolicyView> {
    return this.desk.updatePolicy(staff(me), dto);
  }
}
