import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentStaff, type Principal, Public, Roles, STAFF_READERS } from '@desk/platform';
import { LoginUseCase } from './login.use-case.js';
import { LoginDto, LoginResponse, StaffView } from './staff.dto.js';
import { StaffDirectory } from './staff-directory.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly directory: StaffDirectory,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a bearer token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (code INVALID_CREDENTIALS)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failures for this e-mail and IP (code LOGIN_THROTTLED, Retry-After)',
  })
  signIn(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.login.execute(dto, ip);
  }

  @Get('me')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'The signed-in staff member' })
  @ApiOkResponse({ type: StaffView })
  me(@CurrentStaff() principal: Principal): Promise<StaffView> {
    return this.directory.get(principal.id);
  }
}
