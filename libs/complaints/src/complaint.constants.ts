/** Complaint categories: stable keys with Chinese and English labels (SPEC "Domain"). */
export const CATEGORY_LABELS = {
  functional_defect: { zh: '功能缺陷', en: 'Functional defect' },
  network_outage: { zh: '网络/服务中断', en: 'Network or service outage' },
  account_security: { zh: '账号安全', en: 'Account security' },
  privacy_leak: { zh: '隐私泄露', en: 'Privacy leak' },
  service_attitude: { zh: '服务态度', en: 'Service attitude' },
  marketing_abuse: { zh: '恶意营销/广告', en: 'Ads and marketing abuse' },
  billing: { zh: '收费', en: 'Billing' },
  ux_design: { zh: '界面体验', en: 'Interface and usability' },
  other: { zh: '其他', en: 'Other' },
} as const;

export type Category = keyof typeof CATEGORY_LABELS;
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** What the user sees of their complaint's progress (SPEC: tracking). */
export type PublicStatus = 'received' | 'in_progress' | 'awaiting_user' | 'resolved' | 'closed';

export const PLATFORM_USER_ID = /^[1-9][0-9]{4,11}$/;
export const MAINLAND_MOBILE = /^(?:\+?86[- ]?)?1[3-9][0-9]{9}$/;
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;
/** Tracking codes: 10 characters of Crockford's base32 (no I, L, O, U), easy to read out on the phone. */
export const TRACKING_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
/** C0 control characters other than tab and newlines, and DEL: never part of a real complaint. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export enum ComplaintErrorCode {
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  InvalidIdempotencyKey = 'INVALID_IDEMPOTENCY_KEY',
  RateLimited = 'RATE_LIMITED',
  ComplaintNotFound = 'COMPLAINT_NOT_FOUND',
  TrackingThrottled = 'TRACKING_THROTTLED',
  NotResolved = 'COMPLAINT_NOT_RESOLVED',
  AlreadyRated = 'ALREADY_RATED',
  TriageRuleNotFound = 'TRIAGE_RULE_NOT_FOUND',
}
