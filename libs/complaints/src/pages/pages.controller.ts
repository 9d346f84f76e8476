import { randomUUID } from 'node:crypto';
import {
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Ip,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CommonErrorCode, DomainError, ErrorKind, Public } from '@desk/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { Locale } from '../complaint.constants.js';
import { SubmitComplaintDto, UserReplyDto } from '../public-complaint.dto.js';
import { PublicTrackingService } from '../public-tracking.service.js';
import { SubmitComplaintUseCase } from '../submit-complaint.use-case.js';
import { IncidentPort } from '../ticket-port.js';
import { TEXT, pickLocale } from './i18n.js';
import {
  complaintForm,
  type FormState,
  layout,
  receivedPanel,
  statusPage,
  trackForm,
  trackStatus,
} from './pages.views.js';
import { DESK_SCRIPT } from './desk-script.js';

const FORM_FIELDS = [
  'platformUserId',
  'contact',
  'title',
  'description',
  'category',
  'locale',
  'website',
] as const;
type FieldMessages = (typeof TEXT)[Locale]['errors'];

/** A string field of an urlencoded body, or '' (forms send nothing else; anything else is ignored). */
function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The public pages: complaint form and tracking, server-rendered so they work without JavaScript
 * (the script only validates early and submits without a page load). Same use cases as the API.
 */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  constructor(
    private readonly submit: SubmitComplaintUseCase,
    private readonly tracking: PublicTrackingService,
    private readonly incidents: IncidentPort,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  form(@Query('lang') lang: unknown, @Headers('accept-language') accept?: string): string {
    const locale = pickLocale(lang, accept);
    return this.page(
      locale,
      '/',
      TEXT[locale].formTitle,
      complaintForm(TEXT[locale], locale, { values: {}, errors: {}, formKey: randomUUID() }),
    );
  }

  @Post()
  async file(
    @Req() request: Request,
    @Res() response: Response,
    @Ip() ip: string,
    @Query('lang') lang: unknown,
  ): Promise<void> {
    const locale = pickLocale(lang, request.header('accept-language'));
    const t = TEXT[locale];
    const values = Object.fromEntries(FORM_FIELDS.map((name) => [name, text(request.body, name)]));
    const formKey = text(request.body, 'formKey') || randomUUID();
    const dto = plainToInstance(
      SubmitComplaintDto,
      Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')),
    );
    const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    const state: FormState = { values, errors: {}, formKey };
    for (const problem of problems)
      state.errors[problem.property] =
        t.errors[problem.property as keyof FieldMessages] ??
        Object.values(problem.constraints ?? {})[0];
    if (problems.length === 0) {
      try {
        const result = await this.submit.execute(dto, {
          ip,
          idempotencyKey: /^[A-Za-z0-9-]{1,64}$/.test(formKey) ? `form:${formKey}` : undefined,
        });
        response
          .status(201)
          .type('html')
          .send(this.page(locale, '/', t.received, receivedPanel(t, locale, result)));
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        state.general = error.message;
        if (error.details?.retryAfterSeconds)
          response.setHeader('Retry-After', String(error.details.retryAfterSeconds));
        response.status(error.code === 'RATE_LIMITED' ? 429 : 400);
      }
    } else {
      response.status(400);
    }
    response
      .type('html')
      .send(this.page(locale, '/', t.formTitle, complaintForm(t, locale, state)));
  }

  @Get('track')
  @Header('Content-Type', 'text/html; charset=utf-8')
  trackPage(
    @Query('lang') lang: unknown,
    @Query('code') code: unknown,
    @Headers('accept-language') accept?: string,
  ): string {
    const locale = pickLocale(lang, accept);
    return this.page(
      locale,
      '/track',
      TEXT[locale].trackTitle,
      trackForm(TEXT[locale], locale, typeof code === 'string' ? code.slice(0, 16) : ''),
    );
  }

  @Post('track')
  @HttpCode(200)
  async track(
    @Req() request: Request,
    @Res() response: Response,
    @Ip() ip: string,
    @Query('lang') lang: unknown,
  ): Promise<void> {
    await this.showStatus(request, response, ip, lang, async () => undefined);
  }

  @Post('track/replies')
  @HttpCode(200)
  async reply(
    @Req() request: Request,
    @Res() response: Response,
    @Ip() ip: string,
    @Query('lang') lang: unknown,
  ): Promise<void> {
    const body = text(request.body, 'body').trim();
    await this.showStatus(request, response, ip, lang, async (code, token) => {
      if (!body) return;
      // The API's rules for replies hold here too: what it would refuse is not stored.
      const reply = plainToInstance(UserReplyDto, { body: body.slice(0, 5000) });
      if ((await validate(reply)).length > 0) {
        const locale = pickLocale(lang, request.header('accept-language'));
        throw DomainError.invalid(CommonErrorCode.ValidationFailed, TEXT[locale].replyInvalid);
      }
      await this.tracking.reply(code, token, ip, reply);
    });
  }

  @Get('status')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async status(
    @Query('lang') lang: unknown,
    @Headers('accept-language') accept?: string,
  ): Promise<string> {
    const locale = pickLocale(lang, accept);
    const t = TEXT[locale];
    return this.page(
      locale,
      '/status',
      t.statusTitle,
      statusPage(t, locale, await this.incidents.publicIncidents()),
    );
  }

  @Get('assets/desk.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  script(): string {
    return DESK_SCRIPT;
  }

  private async showStatus(
    request: Request,
    response: Response,
    ip: string,
    lang: unknown,
    before: (code: string, token: string) => Promise<void>,
  ): Promise<void> {
    const locale = pickLocale(lang, request.header('accept-language'));
    const t = TEXT[locale];
    const code = text(request.body, 'code').trim().toUpperCase();
    const token = text(request.body, 'token').trim();
    try {
      await before(code, token);
      const view = await this.tracking.view(code, token, ip);
      response
        .status(200)
        .type('html')
        .send(this.page(locale, '/track', t.trackTitle, trackStatus(t, locale, view, token)));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.details?.retryAfterSeconds)
        response.setHeader('Retry-After', String(error.details.retryAfterSeconds));
      const message = error.code === 'COMPLAINT_NOT_FOUND' ? t.notFound : error.message;
      response
        .status(
          error.code === 'TRACKING_THROTTLED' ? 429 : error.kind === ErrorKind.Invalid ? 400 : 404,
        )
        .type('html')
        .send(this.page(locale, '/track', t.trackTitle, trackForm(t, locale, code, message)));
    }
  }

  private page(locale: Locale, path: string, title: string, body: string): string {
    return layout(TEXT[locale], locale, path, title, body);
  }
}
