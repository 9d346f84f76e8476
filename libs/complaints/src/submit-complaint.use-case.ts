import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError, RedisCounter } from '@desk/platform';
import { ComplaintErrorCode } from './complaint.constants.js';
import { ComplaintRepository } from './complaint.repository.js';
import { IntakeGroupCommit } from './intake-group-commit.js';
import { IntakeReplayCache } from './intake-replay-cache.js';
import type { SubmitComplaintDto, SubmitComplaintResponse } from './public-complaint.dto.js';
import { SearchText } from './search-text.js';
import { newTrackingCredentials } from './tracking-credentials.js';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Takes a complaint in. The complaint, the outbox row that asks for triage and the audit record
 * commit together (in a transaction shared with concurrent requests: IntakeGroupCommit): once the
 * user has a tracking code, the complaint and its pending work exist, whether or not Redis is up.
 */
@Injectable()
export class SubmitComplaintUseCase {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly intake: IntakeGroupCommit,
    private readonly counter: RedisCounter,
    private readonly replays: IntakeReplayCache,
    private readonly searchText: SearchText,
    private readonly config: AppConfig,
  ) {}

  async execute(
    dto: SubmitComplaintDto,
    context: { ip: string; idempotencyKey?: string },
  ): Promise<SubmitComplaintResponse> {
    const key = context.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw DomainError.invalid(
        ComplaintErrorCode.InvalidIdempotencyKey,
        'Idempotency-Key must be 1–128 letters, digits or _.:-',
      );
    }
    // A bot filled the hidden field: answer like a success and keep nothing.
    if (dto.website)
      return { id: randomUUID(), ...pick(newTrackingCredentials()), status: 'received' };

    const requestHash = hashRequest(dto);
    if (key) {
      const replay = await this.replay(key, requestHash);
      if (replay) return replay;
    }
    await this.enforceLimits(context.ip, dto.platformUserId);

    const id = randomUUID();
    const credentials = newTrackingCredentials();
    const response = {
      id,
      trackingCode: credentials.trackingCode,
      trackingToken: credentials.trackingToken,
      status: 'received',
    };
    const outcome = await this.intake.store({
      complaint: {
        id,
        trackingCode: credentials.trackingCode,
        trackingTokenHash: credentials.tokenHash,
        platformUserId: dto.platformUserId,
        contact: dto.contact.trim(),
        title: dto.title?.trim() || null,
        description: dto.description,
        locale: dto.locale ?? null,
        occurredAt: dto.occurredAt ? new Date(dto.occurredAt) : null,
        userCategory: dto.category ?? null,
        searchText: this.searchText.of(dto.title, dto.description),
      },
      ...(key
        ? {
            key: {
              key,
              requestHash,
              complaintId: id,
              trackingCode: credentials.trackingCode,
              status: 'received',
            },
          }
        : {}),
    });
    if (outcome === 'taken') {
      // A concurrent request with this key won: answer as its replay (or 409 for another body).
      const replay = await this.replay(key!, requestHash);
      if (replay) return replay;
      throw DomainError.conflict(
        ComplaintErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key is being used by another request',
      );
    }
    if (key) await this.replays.keep(key, response);
    return response;
  }

  /** The first answer for this key, or 409 when the key came with another body. */
  private async replay(
    key: string,
    requestHash: string,
  ): Promise<SubmitComplaintResponse | undefined> {
    const existing = await this.complaints.findIntakeKey(key);
    if (!existing) return undefined;
    if (existing.requestHash !== requestHash) {
      throw DomainError.conflict(
        ComplaintErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used with a different request',
      );
    }
    const kept = await this.replays.get(key);
    return {
      id: existing.complaintId,
      trackingCode: existing.trackingCode,
      status: existing.status,
      ...(kept?.trackingToken ? { trackingToken: kept.trackingToken } : {}),
    };
  }

  private async enforceLimits(ip: string, platformUserId: string): Promise<void> {
    const limits = [
      {
        key: `intake:ip:${ip}`,
        limit: this.config.PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE,
        window: 60,
        what: 'this address',
      },
      {
        key: `intake:user:${platformUserId}`,
        limit: this.config.PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR,
        window: 3600,
        what: 'this user',
      },
    ];
    // Both counters count every attempt (a request over one limit still uses up the other).
    const states = await Promise.all(limits.map((l) => this.counter.hit(l.key, l.window)));
    for (const [i, { limit, what }] of limits.entries()) {
      const state = states[i];
      if (state && state.count > limit) {
        throw DomainError.tooManyRequests(
          ComplaintErrorCode.RateLimited,
          `Too many complaints from ${what}; try again in ${state.resetsIn} seconds`,
          state.resetsIn,
        );
      }
    }
  }
}

function pick(credentials: { trackingCode: string; trackingToken: string }) {
  return { trackingCode: credentials.trackingCode, trackingToken: credentials.trackingToken };
}

/** Canonical form of the request: key order and the honeypot do not matter. */
function hashRequest(dto: SubmitComplaintDto): string {
  const fields = [
    'platformUserId',
    'contact',
    'description',
    'title',
    'category',
    'locale',
    'occurredAt',
  ] as const;
  const canonical = fields.map((field) => [field, dto[field] ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
