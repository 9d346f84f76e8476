/** The nine complaint categories (stable keys) and four priorities the engine decides between. */
export const CATEGORY_KEYS = [
  'functional_defect',
  'network_outage',
  'account_security',
  'privacy_leak',
  'service_attitude',
  'marketing_abuse',
  'billing',
  'ux_design',
  'other',
] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

export const PRIORITY_KEYS = ['P1', 'P2', 'P3', 'P4'] as const;
export type PriorityKey = (typeof PRIORITY_KEYS)[number];

/** Priority when nothing in the text raises it (SPEC: P1 takeover/leak/money, P2 outage/billing, …). */
export const DEFAULT_PRIORITY: Record<CategoryKey, PriorityKey> = {
  account_security: 'P1',
  privacy_leak: 'P1',
  network_outage: 'P2',
  billing: 'P2',
  functional_defect: 'P3',
  service_attitude: 'P3',
  marketing_abuse: 'P4',
  ux_design: 'P4',
  other: 'P4',
};
