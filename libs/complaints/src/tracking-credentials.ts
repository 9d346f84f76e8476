import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 10-character code for people (50 bits) and a 128-bit token that proves ownership. */
export function newTrackingCredentials(): {
  trackingCode: string;
  trackingToken: string;
  tokenHash: string;
} {
  let trackingCode = '';
  for (let i = 0; i < 10; i++) trackingCode += CROCKFORD[randomInt(32)];
  const trackingToken = randomBytes(16).toString('hex');
  return { trackingCode, trackingToken, tokenHash: hashToken(trackingToken) };
}

/** The token is random and long, so a fast hash is enough: there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
