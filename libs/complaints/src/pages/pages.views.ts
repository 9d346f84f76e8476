import { CATEGORIES, CATEGORY_LABELS, type Locale } from '../complaint.constants.js';
import type { SubmitComplaintResponse, TrackingView } from '../public-complaint.dto.js';
import type { PublicIncident, PublicStatement } from '../ticket-port.js';
import { TEXT, type Texts } from './i18n.js';

/** Escapes text for HTML content and attribute values: everything user-written goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
const e = escapeHtml;

const STYLE = `
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2433}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #d7dbe3;margin-bottom:1.5rem}
label{display:block;font-weight:600;margin-top:1rem}
input,select,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #8a93a6;border-radius:4px}
textarea{min-height:9rem}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #3b6fd8;outline-offset:2px}
button{margin-top:1.25rem;padding:.6rem 1.4rem;font:inherit;background:#244fb3;color:#fff;border:0;border-radius:4px;cursor:pointer}
.errors{border:2px solid #b3261e;background:#fdecea;padding:.75rem 1rem;border-radius:4px}
.field-error{color:#b3261e;font-size:.9rem;margin:.25rem 0 0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
code{font-size:1.1rem;background:#eef1f6;padding:.1rem .4rem;border-radius:3px;word-break:break-all}
.reply{border-left:3px solid #c5cbd6;padding-left:.75rem;margin:.75rem 0;white-space:pre-wrap}
`;

export function layout(
  t: Texts,
  locale: Locale,
  path: string,
  title: string,
  body: string,
): string {
  const other: Locale = locale === 'zh' ? 'en' : 'zh';
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · ${e(t.deskName)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p><strong>${e(t.deskName)}</strong></p><nav><a href="${e(path)}?lang=${other}" hreflang="${other}" lang="${TEXT[other].lang}">${e(t.switchTo)}</a></nav></header>
<main>
${body}
</main>
<script src="/assets/desk.js" defer></script>
</body>
</html>`;
}

export interface FormState {
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
  formKey: string;
  general?: string;
}

const field = (name: string, label: string, state: FormState, control: string) => {
  const error = state.errors[name];
  return `<label for="${name}">${e(label)}</label>
${control.replace('__DESCRIBED__', error ? ` aria-invalid="true" aria-describedby="${name}-error"` : '')}
<p class="field-error" id="${name}-error" data-error-for="${name}"${error ? '' : ' hidden'}>${e(error ?? '')}</p>`;
};

export function complaintForm(t: Texts, locale: Locale, state: FormState): string {
  const v = (name: string) => e(state.values[name] ?? '');
  const errorList = Object.values(state.errors).filter(Boolean);
  const summary =
    errorList.length > 0 || state.general
      ? `<div class="errors" role="alert" id="form-errors"><p>${e(t.fixErrors)}</p><ul>${[
          state.general,
          ...errorList,
        ]
          .filter(Boolean)
          .map((m) => `<li>${e(m)}</li>`)
          .join('')}</ul></div>`
      : `<div class="errors" role="alert" id="form-errors" hidden></div>`;
  const options = [`<option value="">${e(t.categoryUnknown)}</option>`]
    .concat(
      CATEGORIES.map(
        (c) =>
          `<option value="${c}"${state.values.category === c ? ' selected' : ''}>${e(CATEGORY_LABELS[c][locale])}</option>`,
      ),
    )
    .join('');
  return `<h1>${e(t.formTitle)}</h1>
<p>${e(t.formIntro)}</p>
${summary}
<form method="post" action="/?lang=${locale}" id="complaint-form" novalidate data-locale="${locale}" data-messages="${e(JSON.stringify(t.errors))}" data-submitting="${e(t.submitting)}">
<input type="hidden" name="formKey" value="${e(state.formKey)}">
<input type="hidden" name="locale" value="${locale}">
${field('platformUserId', t.platformUserId, state, `<input id="platformUserId" name="platformUserId" inputmode="numeric" autocomplete="off" required pattern="[1-9][0-9]{4,11}" value="${v('platformUserId')}"__DESCRIBED__>`)}
${field('contact', t.contact, state, `<input id="contact" name="contact" autocomplete="email" required maxlength="254" value="${v('contact')}"__DESCRIBED__>`)}
${field('title', t.title, state, `<input id="title" name="title" maxlength="200" value="${v('title')}"__DESCRIBED__>`)}
${field('category', t.category, state, `<select id="category" name="category"__DESCRIBED__>${options}</select>`)}
${field('description', t.description, state, `<textarea id="description" name="description" required maxlength="5000"__DESCRIBED__>${v('description')}</textarea>`)}
<div class="hp" aria-hidden="true"><label for="website">${e(t.honeypot)}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${e(t.submit)}</button>
</form>
<p><a href="/track?lang=${locale}">${e(t.trackLink)}</a></p>
<template id="received-template">${receivedPanel(t, locale, { id: '', trackingCode: '', trackingToken: '', status: '' })}</template>`;
}

export function receivedPanel(t: Texts, locale: Locale, response: SubmitComplaintResponse): string {
  return `<section id="received" aria-live="polite">
<h1 tabindex="-1">${e(t.received)}</h1>
<p>${e(t.keepThese)}</p>
<dl>
<dt>${e(t.trackingCode)}</dt><dd><code id="tracking-code">${e(response.trackingCode)}</code></dd>
<dt>${e(t.trackingToken)}</dt><dd><code id="tracking-token">${e(response.trackingToken ?? '')}</code></dd>
</dl>
<p><a id="track-link" href="/track?lang=${locale}&amp;code=${e(response.trackingCode)}">${e(t.trackLink)}</a></p>
</section>`;
}

export function trackForm(t: Texts, locale: Locale, code: string, error?: string): string {
  return `<h1>${e(t.trackTitle)}</h1>
<p>${e(t.trackIntro)}</p>
${error ? `<div class="errors" role="alert"><p>${e(error)}</p></div>` : ''}
<form method="post" action="/track?lang=${locale}" id="track-form">
<label for="code">${e(t.trackingCode)}</label>
<input id="code" name="code" required autocomplete="off" maxlength="16" value="${e(code)}">
<label for="token">${e(t.trackingToken)}</label>
<input id="token" name="token" required autocomplete="off" maxlength="64">
<button type="submit">${e(t.show)}</button>
</form>`;
}

export function trackStatus(t: Texts, locale: Locale, view: TrackingView, token: string): string {
  const category = view.category
    ? (CATEGORY_LABELS[view.category as keyof typeof CATEGORY_LABELS]?.[locale] ?? view.category)
    : t.notYetTriaged;
  const replies =
    view.replies.length === 0
      ? `<p>${e(t.noReplies)}</p>`
      : view.replies
          .map(
            (r) =>
              `<div class="reply"><strong>${e(r.from === 'agent' ? t.fromAgent : t.fromUser)}</strong> · <time datetime="${e(r.at)}">${e(r.at.slice(0, 16).replace('T', ' '))}</time>\n${e(r.body)}</div>`,
          )
          .join('');
  const compensations =
    view.compensations.length === 0
      ? ''
      : `<h2>${e(t.compensations)}</h2><ul>${view.compensations
          .map(
            (c) =>
              `<li>${e(t.memberDays)}: ${e(c.memberDays)} · ${e(t.qCoins)}: ${e(c.qCoins)} (${e(c.status)})</li>`,
          )
          .join('')}</ul>`;
  const incident = view.incident
    ? `<h2>${e(t.incidentNote)}</h2><section class="incident"><h3>${e(view.incident.title)}</h3>${statements(locale, view.incident.statements)}</section>`
    : '';
  return `<h1>${e(t.trackTitle)}</h1>
<dl id="complaint-status">
<dt>${e(t.trackingCode)}</dt><dd><code>${e(view.trackingCode)}</code></dd>
<dt>${e(t.status)}</dt><dd id="status" data-status="${e(view.status)}">${e(t.statuses[view.status])}</dd>
<dt>${e(t.categoryLabel)}</dt><dd>${e(category)}</dd>
<dt>${e(t.filedAt)}</dt><dd><time datetime="${e(view.createdAt)}">${e(view.createdAt.slice(0, 16).replace('T', ' '))} UTC</time></dd>
</dl>
<h2>${e(t.replies)}</h2>
${replies}
${compensations}
${incident}
<form method="post" action="/track/replies?lang=${locale}">
<input type="hidden" name="code" value="${e(view.trackingCode)}">
<input type="hidden" name="token" value="${e(token)}">
<label for="reply">${e(t.replyLabel)}</label>
<textarea id="reply" name="body" required maxlength="5000"></textarea>
<button type="submit">${e(t.sendReply)}</button>
</form>`;
}

/** Statements in the reader's language first (both are shown: an apology is not hidden by locale). */
function statements(locale: Locale, list: readonly PublicStatement[]): string {
  const ordered = [...list].sort(
    (a, b) =>
      Number(b.locale === locale) - Number(a.locale === locale) ||
      b.publishedAt.localeCompare(a.publishedAt),
  );
  return ordered
    .map(
      (s) =>
        `<article class="reply" lang="${s.locale === 'zh' ? 'zh-CN' : 'en'}"><strong>${e(s.title)}</strong> · <time datetime="${e(s.publishedAt)}">${e(s.publishedAt.slice(0, 16).replace('T', ' '))} UTC</time>\n${e(s.body)}</article>`,
    )
    .join('');
}

/** The public status page: open and recently resolved incidents with their public statements. */
export function statusPage(t: Texts, locale: Locale, incidents: readonly PublicIncident[]): string {
  const body =
    incidents.length === 0
      ? `<p id="all-clear">${e(t.statusAllClear)}</p>`
      : incidents
          .map(
            (i) => `<section class="incident" data-status="${e(i.status)}">
<h2>${e(i.title)}</h2>
<p><strong>${e(t.incidentStatuses[i.status as keyof typeof t.incidentStatuses] ?? i.status)}</strong> · ${e(i.severity)}</p>
${i.statements.length ? statements(locale, i.statements) : `<p>${e(t.statusNoStatements)}</p>`}
</section>`,
          )
          .join('\n');
  return `<h1>${e(t.statusTitle)}</h1>\n${body}`;
}
