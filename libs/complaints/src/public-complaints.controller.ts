import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from '@desk/platform';
import {
  PublicReply,
  SatisfactionDto,
  SubmitComplaintDto,
  SubmitComplaintResponse,
  TrackingView,
  UserReplyDto,
} from './public-complaint.dto.js';
import { PublicTrackingService } from './public-tracking.service.js';
import { SubmitComplaintUseCase } from './submit-complaint.use-case.js';

const TOKEN_HEADER = {
  name: 'X-Tracking-Token',
  required: true,
  description: 'The token returned when the complaint was filed',
};

@ApiTags('public')
@Public()
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(
    private readonly submit: SubmitComplaintUseCase,
    private readonly tracking: PublicTrackingService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'File a complaint (no login). Same Idempotency-Key + same body → same answer.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1–128 characters; kept for good',
  })
  @ApiCreatedResponse({ type: SubmitComplaintResponse })
  @ApiConflictResponse({
    description: 'Idempotency-Key reused with another body (code IDEMPOTENCY_KEY_REUSED)',
  })
  @ApiTooManyRequestsResponse({
    description: 'Per-IP or per-user limit reached (code RATE_LIMITED, Retry-After)',
  })
  create(
    @Body() dto: SubmitComplaintDto,
    @Ip() ip: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<SubmitComplaintResponse> {
    return this.submit.execute(dto, { ip, idempotencyKey });
  }

  @Get(':trackingCode')
  @ApiOperation({ summary: 'Track a complaint: status, public replies, compensation granted' })
  @ApiHeader(TOKEN_HEADER)
  @ApiOkResponse({ type: TrackingView })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong token (code COMPLAINT_NOT_FOUND)' })
  @ApiTooManyRequestsResponse({
    description: '10 wrong tries per minute per IP (code TRACKING_THROTTLED)',
  })
  view(
    @Param('trackingCode') trackingCode: string,
    @Headers('x-tracking-token') token: string | undefined,
    @Ip() ip: string,
  ): Promise<TrackingView> {
    return this.tracking.view(trackingCode, token, ip);
  }

  @Post(':trackingCode/replies')
  @ApiOperation({ summary: 'Reply to the support team' })
  @ApiHeader(TOKEN_HEADER)
  @ApiCreatedResponse({ type: PublicReply })
  reply(
    @Param('trackingCode') trackingCode: string,
    @Headers('x-tracking-token') token: string | undefined,
    @Ip() ip: string,
    @Body() dto: UserReplyDto,
  ): Promise<PublicReply> {
    return this.tracking.reply(trackingCode, token, ip, dto);
  }

  @Post(':trackingCode/satisfaction')
  @HttpCode(201)
  @ApiOperation({ summary: 'Rate the handling (1–5) once the complaint is resolved' })
  @ApiHeader(TOKEN_HEADER)
  @ApiConflictResponse({
    description: 'Not resolved yet (COMPLAINT_NOT_RESOLVED) or rated already (ALREADY_RATED)',
  })
  rate(
    @Param('trackingCode') trackingCode: string,
    @Headers('x-tracking-token') token: string | undefined,
    @Ip() ip: string,
    @Body() dto: SatisfactionDto,
  ): Promise<{ rating: number }> {
    return this.tracking.rate(trackingCode, token, ip, dto);
  }
}
