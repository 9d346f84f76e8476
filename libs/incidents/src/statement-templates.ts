import type { StatementKind } from './incidents.constants.js';

export interface StatementTemplate {
  key: string;
  kind: StatementKind;
  locale: 'zh' | 'en';
  title: string;
  body: string;
}

/**
 * Built-in statement templates. `{{title}}`, `{{affected}}` (users affected so far) and
 * `{{compensation}}` (the plan, in words) are filled in by the desk; others come from the request.
 */
export const STATEMENT_TEMPLATES: readonly StatementTemplate[] = [
  {
    key: 'apology',
    kind: 'public_apology',
    locale: 'zh',
    title: '关于「{{title}}」的致歉',
    body: '我们注意到{{title}}，约 {{affected}} 位用户受到影响。对此我们深表歉意。问题原因：{{cause}}。我们将为受影响的用户提供补偿：{{compensation}}。',
  },
  {
    key: 'apology',
    kind: 'public_apology',
    locale: 'en',
    title: 'We are sorry: {{title}}',
    body: 'We know about {{title}}; about {{affected}} users are affected, and we are sorry. Cause: {{cause}}. Everyone affected will receive {{compensation}}.',
  },
  {
    key: 'status_update',
    kind: 'status_update',
    locale: 'zh',
    title: '「{{title}}」处理进展',
    body: '{{update}}（受影响用户约 {{affected}} 位）',
  },
  {
    key: 'status_update',
    kind: 'status_update',
    locale: 'en',
    title: 'Update: {{title}}',
    body: '{{update}} (about {{affected}} users affected)',
  },
  {
    key: 'internal_notice',
    kind: 'internal_notice',
    locale: 'zh',
    title: '内部通知：{{title}}',
    body: '事件「{{title}}」已影响约 {{affected}} 位用户。处理口径：{{guidance}}。补偿方案：{{compensation}}。',
  },
  {
    key: 'internal_notice',
    kind: 'internal_notice',
    locale: 'en',
    title: 'Internal: {{title}}',
    body: 'Incident "{{title}}" has affected about {{affected}} users. How to answer: {{guidance}}. Compensation: {{compensation}}.',
  },
];

export function findTemplate(key: string, kind: StatementKind, locale: 'zh' | 'en') {
  return STATEMENT_TEMPLATES.find((t) => t.key === key && t.kind === kind && t.locale === locale);
}

/** The plan in words, e.g. "7 天会员 + 100 Q币" / "7 member days and 100 Q-coins". */
export function compensationInWords(
  plan: { memberDays: number; qCoins: number } | null,
  locale: 'zh' | 'en',
): string {
  if (!plan) return locale === 'zh' ? '方案确定后另行通知' : 'to be announced';
  const parts =
    locale === 'zh'
      ? [plan.memberDays && `${plan.memberDays} 天会员`, plan.qCoins && `${plan.qCoins} Q币`]
      : [
          plan.memberDays && `${plan.memberDays} member days`,
          plan.qCoins && `${plan.qCoins} Q-coins`,
        ];
  return parts.filter(Boolean).join(locale === 'zh' ? ' + ' : ' and ');
}
