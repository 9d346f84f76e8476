import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly, CurrentStaff, type Principal, UuidParam } from '@desk/platform';
import { CreateStaffUseCase } from './create-staff.use-case.js';
import {
  CreateStaffDto,
  ListStaffQuery,
  StaffPage,
  StaffView,
  UpdateStaffDto,
} from './staff.dto.js';
import { StaffDirectory } from './staff-directory.service.js';
import { UpdateStaffUseCase } from './update-staff.use-case.js';

@ApiTags('staff')
@Controller('admin/staff')
export class StaffController {
  constructor(
    private readonly createStaff: CreateStaffUseCase,
    private readonly updateStaff: UpdateStaffUseCase,
    private readonly directory: StaffDirectory,
  ) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: StaffView })
  @ApiConflictResponse({ description: 'E-mail already used (code STAFF_EMAIL_TAKEN)' })
  create(@CurrentStaff() me: Principal, @Body() dto: CreateStaffDto): Promise<StaffView> {
    return this.createStaff.execute({ kind: 'staff', id: me.id }, dto);
  }

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: 'List staff accounts' })
  @ApiOkResponse({ type: StaffPage })
  list(@Query() query: ListStaffQuery): Promise<StaffPage> {
    return this.directory.list(query);
  }

  @Get(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ type: StaffView })
  get(@Param('id', UuidParam) id: string): Promise<StaffView> {
    return this.directory.get(id);
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({
    summary: 'Change roles, skills, capacity or name; active=false disables the account at once',
  })
  @ApiOkResponse({ type: StaffView })
  @ApiConflictResponse({ description: 'Would leave no active admin (code LAST_ADMIN)' })
  update(
    @CurrentStaff() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateStaffDto,
  ): Promise<StaffView> {
    return this.updateStaff.execute({ kind: 'staff', id: me.id }, id, dto);
  }
}
