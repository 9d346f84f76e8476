import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@desk/platform';

export interface Grant {
  compensationId: string;
  complaintId: string;
  platformUserId: string;
  memberDays: number;
  qCoins: number;
  transferId: string | null;
}

const TIMEOUT_MS = 10_000;

/** `sha256=<hex>` over `<timestamp>.<body>`: what the receiver recomputes with the shared secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Delivers a grant to the platform's entitlement service: a JSON POST signed with HMAC-SHA256, with
 * an `Idempotency-Key` that stays the same across retries, so the receiver applies it once however
 * often it arrives. Anything but a 2xx answer within the timeout is a failure to retry.
 */
@Injectable()
export class EntitlementWebhook {
  constructor(private readonly config: AppConfig) {}

  async deliver(grant: Grant): Promise<void> {
    const body = JSON.stringify(grant);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(this.config.FULFILMENT_WEBHOOK_URL!, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': `compensation:${grant.compensationId}`,
        'X-Desk-Timestamp': timestamp,
        'X-Desk-Signature': signature(this.config.FULFILMENT_WEBHOOK_SECRET!, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      const text = (await response.text().catch(() => '')).slice(0, 200);
      throw new Error(`entitlement service answered ${response.status}${text ? `: ${text}` : ''}`);
    }
  }
}
