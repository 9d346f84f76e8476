import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, type Principal, Roles, STAFF_READERS, UuidParam } from '@desk/platform';
import type { TriageResult } from '@desk/triage';
import {
  ComplaintDetail,
  ComplaintPage,
  CorrectTriageDto,
  ListComplaintsQuery,
  TriageView,
} from './admin-complaint.dto.js';
import { ComplaintDesk } from './complaint-desk.service.js';
import { CorrectTriageUseCase } from './correct-triage.use-case.js';
import { TriageEngine } from './triage-engine.service.js';
import {
  CreateTriageRuleDto,
  TriagePreviewDto,
  TriageRulePage,
  TriageRuleView,
  UpdateTriageRuleDto,
} from './triage-rule.dto.js';
import { TriageRules } from './triage-rules.service.js';

const AGENTS: ('agent' | 'supervisor')[] = ['agent', 'supervisor'];

@ApiTags('complaints')
@Controller('admin/complaints')
export class AdminComplaintsController {
  constructor(
    private readonly desk: ComplaintDesk,
    private readonly correctTriage: CorrectTriageUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_READERS)
  @ApiOperation({
    summary: 'Complaints, newest first; q searches title and description (Chinese words too)',
  })
  @ApiOkResponse({ type: ComplaintPage })
  list(@Query() query: ListComplaintsQuery): Promise<ComplaintPage> {
    return this.desk.list(query);
  }

  @Get(':id')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'One complaint with its triage explanation and messages' })
  @ApiOkResponse({ type: ComplaintDetail })
  get(@Param('id', UuidParam) id: string): Promise<ComplaintDetail> {
    return this.desk.get(id);
  }

  @Patch(':id/triage')
  @Roles(...AGENTS)
  @ApiOperation({
    summary:
      'Correct category and/or priority (reason required; audited; the classifier learns it)',
  })
  @ApiOkResponse({ type: ComplaintDetail })
  correct(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: CorrectTriageDto,
  ): Promise<ComplaintDetail> {
    return this.correctTriage.execute({ kind: 'staff', id: me.id }, id, dto);
  }
}

@ApiTags('triage')
@Controller('admin/triage')
export class AdminTriageController {
  constructor(
    private readonly engine: TriageEngine,
    private readonly rules: TriageRules,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Roles(...AGENTS)
  @ApiOperation({ summary: 'What triage would decide for a text; stores nothing' })
  @ApiOkResponse({ type: TriageView })
  preview(@Body() dto: TriagePreviewDto): Promise<TriageResult> {
    return this.engine.decide(dto.text);
  }

  @Get('rules')
  @Roles(...AGENTS)
  @ApiOperation({ summary: 'Triage rules' })
  @ApiOkResponse({ type: TriageRulePage })
  list(): Promise<TriageRulePage> {
    return this.rules.list();
  }

  @Post('rules')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Add a triage rule' })
  @ApiOkResponse({ type: TriageRuleView })
  create(@CurrentStaff() me: Principal, @Body() dto: CreateTriageRuleDto): Promise<TriageRuleView> {
    return this.rules.create({ kind: 'staff', id: me.id }, dto);
  }

  @Patch('rules/:id')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Edit a triage rule (new version; audited)' })
  @ApiOkResponse({ type: TriageRuleView })
  update(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateTriageRuleDto,
  ): Promise<TriageRuleView> {
    return this.rules.update({ kind: 'staff', id: me.id }, id, dto);
  }
}
