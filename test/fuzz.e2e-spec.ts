/**
 * Property-based hostile-input fuzzing (fast-check) of every public, unauthenticated endpoint: the
 * intake, tracking, reply and rating API, public incidents, login, and the HTML pages. Every
 * property holds for each generated request: never a 5xx; every 4xx under /api carries the desk's
 * error body; pages answer HTML; a rejected request stores nothing (rows of complaints, messages,
 * intake keys, audit log and outbox are counted before and after each request); what users wrote
 * comes back escaped. Each request comes from its own X-Forwarded-For address (the API trusts the
 * loopback proxy), so the per-IP throttles of tracking and login never hide behaviour; the intake
 * limits are raised for the same reason, and each throttle is checked once on its own.
 */
import { randomBytes } from 'node:crypto';
import { type AddressInfo, connect } from 'node:net';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import request from 'supertest';
import { ApiModule } from '../apps/api/src/api.module.js';
import { configureHttpApp, createLogger, PinoNestLogger } from '@desk/platform';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createSandbox,
  type Sandbox,
  startApi,
  type TestApp,
} from './support/test-app.js';

const NO_LIMITS = {
  PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
  PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '10000000',
};
const JSON_LIMIT = 64 * 1024;
const TABLES = [
  'complaints',
  'complaint_messages',
  'complaint_intake_keys',
  'audit_log',
  'outbox',
] as const;
type Table = (typeof TABLES)[number];
type Counts = Record<Table, number>;

// The contract (SPEC "Public", README), restated for the oracles.
const CATEGORIES = [
  'functional_defect',
  'network_outage',
  'account_security',
  'privacy_leak',
  'service_attitude',
  'marketing_abuse',
  'billing',
  'ux_design',
  'other',
];
const PLATFORM_USER_ID = /^[1-9][0-9]{4,11}$/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
const FORM_KEY = /^[A-Za-z0-9-]{1,64}$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const TRACKING_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DESK_SCRIPT_TAG = '<script src="/assets/desk.js" defer>';

// ---------------------------------------------------------------------------------------------
// Generators

const SQL_INJECTION = [
  "' OR 1=1 --",
  "'; DROP TABLE complaints; --",
  '; DROP TABLE complaints;',
  "1' UNION SELECT tracking_token_hash, contact FROM complaints --",
  "' OR ''='",
  "admin'--",
  "\\'; SELECT pg_sleep(10); --",
  '$$; DELETE FROM audit_log; $$',
  "E'\\\\x00'",
];
const SCRIPT_INJECTION = [
  '<script>alert(1)</script>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  '</textarea><script>alert(1)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '<!--',
  ']]>',
];
const TRAVERSAL = [
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '/etc/passwd\u0000.png',
  '..%c0%af..%c0%af',
  'file:///etc/passwd',
];
const UNICODE = [
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u202eevil\u202c \u200fRTL\u200e',
  '投诉：消息延迟 مرحبا بالعالم שלום 😀👍🏽👨‍👩‍👧‍👦',
  'Z\u0351\u0352a\u0353l\u0354g\u0355o',
  '\u2028\u2029',
  '\u00a0\u3000',
  'ﷺ𒐫𒈙',
  'a\ufe0fb\ufe0ec\ufe0f',
  '\ud800',
  '\udfff\ud800x',
];
const CONTROL_PIECES = ['\u0000', '\u0001', '\u0007', '\b', '\u000b', '\f', '\u001b', '\u007f'];

const piece = fc.oneof(
  fc.constantFrom(...SQL_INJECTION, ...SCRIPT_INJECTION, ...TRAVERSAL, ...UNICODE),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...CONTROL_PIECES), fc.string())
    .map(([a, c, b]) => a + c + b),
);
/**
 * Strings just under, at and just over length limits, made of characters that count differently:
 * CJK, astral emoji (two UTF-16 units), a combining accent, variation selectors (which
 * class-validator's MaxLength does not count but PostgreSQL's varchar does), zero-width spaces.
 */
const BOUNDARY_UNITS = ['x', '中', '😀', 'e\u0301', 'a\ufe0f', '\ufe0f', ' ', '\u200b'];
const boundaryText = (...limits: number[]) =>
  fc
    .tuple(
      fc.constantFrom(...BOUNDARY_UNITS),
      fc.constantFrom(...limits),
      fc.constantFrom(-1, 0, 1),
    )
    .map(([unit, limit, delta]) => unit.repeat(limit + delta));
/** Title 200, contact 254, website 500, comment 1,000, description 5,000, and far beyond. */
const longText = fc.oneof(
  boundaryText(200, 254, 500, 1000, 5000),
  fc.constantFrom('x'.repeat(20_000), '中'.repeat(20_000)),
);
const hostileText = fc.oneof(
  { weight: 5, arbitrary: piece },
  {
    weight: 2,
    arbitrary: fc.array(piece, { minLength: 2, maxLength: 4 }).map((p) => p.join(' ')),
  },
  { weight: 1, arbitrary: longText },
);

/** Arrays and objects nested `depth` deep. */
function deeplyNested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { v: value };
  return value;
}

/** Any JSON value of the wrong type: numbers, booleans, arrays, objects, deep nesting. */
const nested = fc.integer({ min: 1, max: 48 }).map(deeplyNested);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom(0, -1, 1e308, 10086123, 13812345678),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.constantFrom({ $gt: '' }, { $ne: null }, [], {}, [null], { toString: 'x' }),
  nested,
);

/** Text short enough for a URL (Node refuses request heads over 16 kB before the desk sees them). */
const urlText = hostileText.filter((s) => wellFormed(s) && s.length <= 300);

/** Header values Node lets a client send: tab, printable ASCII and Latin-1 (CR, LF and NUL are tried on a raw socket). */
const headerSafe = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x09, max: 0xff })
      .filter((c) => c === 0x09 || (c >= 0x20 && c !== 0x7f))
      .map((c) => String.fromCharCode(c)),
    maxLength: 140,
  }),
  fc.constantFrom(
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'key with spaces',
    'a'.repeat(129),
    'a'.repeat(128),
    '  padded-key  ',
    '',
    Buffer.from('ключ 键').toString('latin1'),
    'clé',
    'k\u00ffey',
  ),
);

/** A field verdict: true (the contract accepts it), false (refuses it) or undefined (either is fine). */
type Verdict = boolean | undefined;
const every = (verdicts: Verdict[]): Verdict =>
  verdicts.includes(false) ? false : verdicts.includes(undefined) ? undefined : true;
const tagged = <T>(arb: fc.Arbitrary<T>, ok: Verdict) => arb.map((v) => ({ v, ok }));

/** class-validator's MinLength/MaxLength count (validator.js isLength). */
function validatorLength(s: string): number {
  return (
    s.length -
    (s.match(/[^\uFE0F\uFE0E][\uFE0F\uFE0E]/g) ?? []).length -
    (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) ?? []).length
  );
}
const codePoints = (s: string) => [...s].length;
const wellFormed = (s: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const isString = (v: unknown): v is string => typeof v === 'string';
const absent = (v: unknown) => v === undefined || v === null;

function containsNul(body: unknown): boolean {
  const pending = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (isString(value) && value.includes('\u0000')) return true;
    if (typeof value !== 'object' || value === null) continue;
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return true;
      pending.push(v);
    }
  }
  return false;
}

const VALID_CONTACTS = [
  'li.wei@example.cn',
  '13812345678',
  '+86 13812345678',
  '+8613912345678',
  '86-15012345678',
  'zhang+tag@mail.qq.com',
  '用户@例子.中国',
  "o'brien@example.ie",
];
const INVALID_CONTACTS = [
  'a@b',
  '@example.cn',
  'li.wei@',
  'li wei@example.cn',
  '1381234567',
  '138123456789',
  '12812345678',
  '+1 4155550100',
  'a\u0000b@example.cn',
  'a\u0007b@example.cn',
  'li.wei@exa\u0000mple.cn',
  `${'x'.repeat(250)}@example.cn`,
  '13812345678\n',
];
const NOT_AN_EMAIL_OR_MOBILE = (s: string) => !s.includes('@') && !/1[3-9][0-9]{9}/.test(s);

const platformUserIdArb = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[1-9][0-9]{4,11}$/) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: wrongType },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      null,
      '',
      '0123456',
      '1234',
      '1234567890123',
      ' 10086123',
      '１００８６１２３',
      '10086123\n',
    ),
  },
);
const contactArb = fc.oneof(
  { weight: 6, arbitrary: tagged(fc.constantFrom(...VALID_CONTACTS), true) },
  { weight: 1, arbitrary: tagged(fc.constantFrom(...INVALID_CONTACTS), false) },
  { weight: 1, arbitrary: tagged(hostileText.filter(NOT_AN_EMAIL_OR_MOBILE), false) },
  { weight: 1, arbitrary: tagged(fc.oneof(wrongType, fc.constantFrom(undefined, null)), false) },
  {
    // Odd but well-formed addresses: whether they pass is the implementation's choice.
    weight: 1,
    arbitrary: tagged(
      fc.constantFrom(
        '<script>alert(1)</script>@evil.example',
        "'or'1'='1@example.cn",
        '"><svg/onload=alert(1)>@x.cn',
      ),
      undefined,
    ),
  },
);
const descriptionArb = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 1, arbitrary: boundaryText(1, 5000) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '消息延迟十几分钟才收到',
      'Messages arrive 10 minutes late',
      "My order ' OR 1=1 -- was charged twice",
    ),
  },
  { weight: 1, arbitrary: wrongType },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, '', '   ', '\n\t') },
);
const optionalText = (limit: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(undefined, null) },
    { weight: 3, arbitrary: hostileText },
    { weight: 2, arbitrary: boundaryText(limit) },
    { weight: 1, arbitrary: wrongType },
  );
const categoryArb = fc.oneof(
  fc.constantFrom(undefined, null, ...CATEGORIES),
  fc.constantFrom('BILLING', 'billing ', 'refund', ''),
  hostileText,
  wrongType,
);
const localeArb = fc.oneof(
  fc.constantFrom(undefined, null, 'zh', 'en', 'ZH', 'fr', 'zh-CN', ''),
  hostileText,
  wrongType,
);
const occurredAtArb = fc.oneof(
  tagged(fc.constantFrom(undefined, null), true),
  tagged(
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    true,
  ),
  tagged(fc.constantFrom('2026-11-23T21:00:00+08:00', '2026-11-23'), true),
  tagged(
    fc.constantFrom('2026-13-01T00:00:00Z', '2026-02-30', 'yesterday', '23/11/2026', 'T'),
    false,
  ),
  tagged(
    hostileText.filter((s) => !/[0-9]/.test(s)),
    false,
  ),
  tagged(wrongType, false),
);
const websiteArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(undefined, null, '') },
  { weight: 1, arbitrary: fc.constantFrom('http://spam.example', 'x'.repeat(501)) },
  { weight: 1, arbitrary: boundaryText(500) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: wrongType },
);
const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isAdmin',
  'id',
  'status',
  'trackingToken',
  'trackingTokenHash',
  'createdAt',
  '$where',
  'a.b',
  '',
  'Contact',
  ' description',
];
const extrasArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as [string, unknown][]) },
  {
    weight: 2,
    arbitrary: fc.uniqueArray(
      fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.oneof(hostileText, wrongType)),
      { minLength: 1, maxLength: 3, selector: ([k]) => k },
    ),
  },
);

const complaintFields = {
  platformUserId: platformUserIdArb,
  contact: contactArb,
  description: descriptionArb,
  title: optionalText(200),
  category: categoryArb,
  locale: localeArb,
  occurredAt: occurredAtArb,
  website: websiteArb,
  extras: extrasArb,
};
type GeneratedComplaint = {
  [K in keyof typeof complaintFields]: (typeof complaintFields)[K] extends fc.Arbitrary<infer T>
    ? T
    : never;
};
/** A complaint the contract accepts, to spoil one field at a time. */
const VALID_COMPLAINT: GeneratedComplaint = {
  platformUserId: '10086123',
  contact: { v: 'li.wei@example.cn', ok: true },
  description: 'Messages arrive ten minutes late',
  title: undefined,
  category: undefined,
  locale: undefined,
  occurredAt: { v: undefined, ok: true },
  website: undefined,
  extras: [],
};
/** Every field hostile at once, or one field hostile in an otherwise valid complaint. */
const complaintArb: fc.Arbitrary<GeneratedComplaint> = fc.oneof(
  fc.record(complaintFields),
  ...Object.entries(complaintFields).map(([name, arb]) =>
    (arb as fc.Arbitrary<unknown>).map((value): GeneratedComplaint => ({
      ...VALID_COMPLAINT,
      [name]: value,
    })),
  ),
);

const idempotencyKeyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constant('fresh') },
  { weight: 2, arbitrary: headerSafe },
);

/** JSON text spliced into a body as it is: nesting too deep for JSON.stringify in a test. */
class RawJson {
  constructor(readonly text: string) {}
}
const deepArrays = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

/** JSON text with the fields in order, keeping keys like __proto__ as plain keys. */
function jsonObject(entries: [string, unknown][]): string {
  return `{${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${v instanceof RawJson ? v.text : JSON.stringify(v)}`)
    .join(',')}}`;
}

/** The contract's verdict on each field of a complaint (SPEC "Public"). */
function complaintVerdict(c: GeneratedComplaint): { ok: Verdict; honeypot: boolean } {
  const text = (v: unknown) =>
    isString(v) && validatorLength(v) >= 1 && /\S/.test(v) && !CONTROL.test(v);
  const website = c.website;
  const websiteOk = absent(website) || (isString(website) && validatorLength(website) <= 500);
  return {
    ok: every([
      isString(c.platformUserId) && PLATFORM_USER_ID.test(c.platformUserId),
      c.contact.ok,
      text(c.description) && validatorLength(c.description as string) <= 5000,
      absent(c.title) ||
        (isString(c.title) && codePoints(c.title) <= 200 && !CONTROL.test(c.title)),
      absent(c.category) || CATEGORIES.includes(c.category as string),
      absent(c.locale) || c.locale === 'zh' || c.locale === 'en',
      c.occurredAt.ok,
      websiteOk,
      c.extras.length === 0,
    ]),
    honeypot: websiteOk && isString(website) && website !== '',
  };
}

function complaintEntries(c: GeneratedComplaint): [string, unknown][] {
  return [
    ['platformUserId', c.platformUserId],
    ['contact', c.contact.v],
    ['description', c.description],
    ['title', c.title],
    ['category', c.category],
    ['locale', c.locale],
    ['occurredAt', c.occurredAt.v],
    ['website', c.website],
    ...c.extras,
  ];
}

/** What identifies a request for idempotency: the fields the desk hashes (the honeypot aside). */
const HASHED = [
  'platformUserId',
  'contact',
  'description',
  'title',
  'category',
  'locale',
  'occurredAt',
];
const canonical = (fields: Record<string, unknown>) =>
  JSON.stringify(HASHED.map((name) => fields[name] ?? null));

/** Form bodies; a field sent twice arrives as an array, which the pages read as empty. */
function form(entries: [string, string][]): string {
  const params = new URLSearchParams();
  for (const [k, v] of entries) params.append(k, v);
  return params.toString();
}

/** Markup and attribute breakers carrying a unique marker, to look for verbatim in pages. */
const markerArb = fc.stringMatching(/^[a-z]{6}$/).map((s) => `fz${s}`);
const injectionArb = fc
  .tuple(
    fc.constantFrom(
      (m: string) => `<script>alert('${m}')</script>`,
      (m: string) => `"><img src=x onerror=alert('${m}')>`,
      (m: string) => `</textarea><svg onload=${m}>`,
      (m: string) => `' autofocus onfocus='${m}`,
      (m: string) => `" autofocus onfocus="${m}`,
      (m: string) => `<iframe src="javascript:${m}">`,
      (m: string) => `<b>${m}</b>`,
    ),
    markerArb,
  )
  .map(([make, marker]) => make(marker));

// ---------------------------------------------------------------------------------------------
// Checks shared by every property

type Res = request.Response;

function expectNo5xx(res: Res) {
  if (res.status >= 500) throw new Error(`${res.status} ${res.text.slice(0, 500)}`);
}

function expectSecurityHeaders(res: Res) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['x-powered-by']).toBeUndefined();
}

/** An /api answer: 2xx, or a 4xx with the desk's error body. */
function expectApiAnswer(res: Res) {
  expectNo5xx(res);
  expectSecurityHeaders(res);
  if (res.status >= 400) expectApiError(res);
}

function expectApiError(res: Res, status?: number, code?: string) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  if (status !== undefined) expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      statusCode: res.status,
      error: expect.any(String),
      message: expect.any(String),
      code: expect.stringMatching(/^[A-Z][A-Z_]+$/),
    }),
  );
  if (code !== undefined) expect(res.body.code).toBe(code);
}

/**
 * A page answer: HTML, never a 5xx, no markup from the input (the desk's own script is the only
 * script tag), and no marked injection payload verbatim (so no attribute was broken out of).
 */
function expectSafePage(res: Res, injected: string[] = []) {
  expectNo5xx(res);
  expectSecurityHeaders(res);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const html = res.text;
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toBe(DESK_SCRIPT_TAG);
  expect(html).not.toMatch(/<(img|svg|iframe|object|embed|math|b)\b/i);
  for (const payload of injected)
    if (/fz[a-z]{6}/.test(payload) && /[<>"']/.test(payload)) expect(html).not.toContain(payload);
}

// ---------------------------------------------------------------------------------------------

describe('hostile input on every public endpoint (property-based)', () => {
  let t: TestApp;
  let port: number;
  let filed: { id: string; trackingCode: string; trackingToken: string };
  /** Idempotency keys that stored a complaint, with the request they stored. */
  const keys = new Map<string, { request: string; id: string; trackingCode: string }>();
  let seq = 0;
  /** A new client address per request, so per-IP throttles never interfere. */
  const nextIp = () => {
    seq++;
    return `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`;
  };
  const counts = async (): Promise<Counts> =>
    (
      await t.db.query(
        `SELECT ${TABLES.map((n) => `(SELECT count(*)::int FROM ${n}) AS ${n}`).join(', ')}`,
      )
    )[0];
  const expectDelta = (before: Counts, after: Counts, delta: Partial<Counts> = {}) => {
    for (const table of TABLES)
      expect({ table, added: after[table] - before[table] }).toEqual({
        table,
        added: delta[table] ?? 0,
      });
  };
  /**
   * A form body over 64 kB (only a hand-made request: the forms' maxlength keeps real ones far
   * below) is refused by the body parser before any page runs, with the desk's JSON error body.
   */
  const expectRefusedForm = (res: Res, before: Counts, after: Counts) => {
    expectSecurityHeaders(res);
    expectApiError(res, 413, 'PAYLOAD_TOO_LARGE');
    expectDelta(before, after);
  };
  const NEW_COMPLAINT = { complaints: 1, audit_log: 1, outbox: 1 };
  const NEW_REPLY = { complaint_messages: 1, audit_log: 1 };

  beforeAll(async () => {
    t = await startApi(NO_LIMITS);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    filed = (
      await t.http
        .post('/api/v1/public/complaints')
        .set('X-Forwarded-For', nextIp())
        .send({
          platformUserId: '10086123',
          contact: 'li.wei@example.cn',
          description: '消息延迟十几分钟才收到 <script>alert(1)</script>',
        })
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('POST /api/v1/public/complaints: any JSON body and Idempotency-Key meets the contract', async () => {
    await fc.assert(
      fc.asyncProperty(complaintArb, idempotencyKeyArb, async (c, keyChoice) => {
        const key = keyChoice === 'fresh' ? `fuzz-${randomBytes(8).toString('hex')}` : keyChoice;
        const text = jsonObject(complaintEntries(c));
        const before = await counts();
        let req = t.http
          .post('/api/v1/public/complaints')
          .set('X-Forwarded-For', nextIp())
          .set('Content-Type', 'application/json');
        if (key !== undefined) req = req.set('Idempotency-Key', key);
        const res = await req.send(text);
        const after = await counts();
        expectApiAnswer(res);

        if (Buffer.byteLength(text) > JSON_LIMIT) {
          expectApiError(res, 413, 'PAYLOAD_TOO_LARGE');
          return expectDelta(before, after);
        }
        const { ok, honeypot } = complaintVerdict(c);
        const verdict = containsNul(JSON.parse(text)) ? false : ok;
        const sentKey = key?.replace(/^[ \t]+|[ \t]+$/g, '');
        const keyOk = sentKey === undefined || IDEMPOTENCY_KEY.test(sentKey);
        const request = canonical(Object.fromEntries(complaintEntries(c)));
        const earlier = sentKey === undefined ? undefined : keys.get(sentKey);
        const reused = earlier !== undefined && earlier.request !== request && !honeypot;
        if (verdict === false) expectApiError(res, 400, 'VALIDATION_FAILED');
        else if (!keyOk) expectApiError(res, 400);
        else if (verdict === true && reused) expectApiError(res, 409, 'IDEMPOTENCY_KEY_REUSED');
        else if (verdict === true) expect(res.status).toBe(201);
        if (res.status !== 201) return expectDelta(before, after);

        expect(res.body).toEqual({
          id: expect.stringMatching(UUID),
          trackingCode: expect.stringMatching(TRACKING_CODE),
          trackingToken: expect.stringMatching(/^[0-9a-f]{32}$/),
          status: 'received',
        });
        expect(keyOk).toBe(true);
        if (honeypot) return expectDelta(before, after);
        expect(reused).toBe(false);
        if (earlier) {
          expect(res.body.id).toBe(earlier.id);
          return expectDelta(before, after);
        }
        expectDelta(before, after, {
          ...NEW_COMPLAINT,
          complaint_intake_keys: sentKey === undefined ? 0 : 1,
        });
        if (sentKey !== undefined)
          keys.set(sentKey, { request, id: res.body.id, trackingCode: res.body.trackingCode });
        // Stored verbatim: injection strings are data, never SQL.
        const [row] = await t.db.query(
          'SELECT platform_user_id, contact, title, description, locale, user_category, occurred_at FROM complaints WHERE id = $1',
          [res.body.id],
        );
        const description = c.description as string;
        const title = c.title as string | null | undefined;
        expect(row.platform_user_id).toBe(c.platformUserId);
        expect(row.contact).toBe((c.contact.v as string).trim());
        if (wellFormed(description)) expect(row.description).toBe(description);
        if (!title || wellFormed(title)) expect(row.title).toBe(title?.trim() || null);
        expect(row.locale).toBe(c.locale ?? null);
        expect(row.user_category).toBe(c.category ?? null);
        if (c.occurredAt.v)
          expect(row.occurred_at?.getTime()).toBe(new Date(c.occurredAt.v as string).getTime());
      }),
      {
        numRuns: 250,
        // Regressions found by this suite, replayed first on every run.
        examples: [
          [{ ...VALID_COMPLAINT, title: 'a\ufe0f'.repeat(200) }, undefined],
          [{ ...VALID_COMPLAINT, contact: { v: 'li.wei\u0000@example.cn', ok: false } }, 'fresh'],
          [{ ...VALID_COMPLAINT, website: 'spam\u0000' }, undefined],
          [{ ...VALID_COMPLAINT, description: new RawJson(deepArrays(5000)) }, undefined],
          ...['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'].map(
            (key): [GeneratedComplaint, string | undefined] => [
              { ...VALID_COMPLAINT, extras: [[key, { isAdmin: true }]] },
              undefined,
            ],
          ),
        ],
      },
    );
  });

  it('POST /api/v1/public/complaints: a key replays the first answer; another body is 409 and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/),
        hostileText.filter((s) => /\S/.test(s) && !CONTROL.test(s) && validatorLength(s) <= 4900),
        async (suffix, description) => {
          const key = `replay-${seq}-${suffix}`;
          const body = { platformUserId: '20000001', contact: '13812345678', description };
          const first = await t.http
            .post('/api/v1/public/complaints')
            .set('X-Forwarded-For', nextIp())
            .set('Idempotency-Key', key)
            .send(body)
            .expect(201);
          const before = await counts();
          const again = await t.http
            .post('/api/v1/public/complaints')
            .set('X-Forwarded-For', nextIp())
            .set('Idempotency-Key', key)
            .send({ description, contact: '13812345678', platformUserId: '20000001' })
            .expect(201);
          expect(again.body).toMatchObject({
            id: first.body.id,
            trackingCode: first.body.trackingCode,
            trackingToken: first.body.trackingToken,
            status: first.body.status,
          });
          const other = await t.http
            .post('/api/v1/public/complaints')
            .set('X-Forwarded-For', nextIp())
            .set('Idempotency-Key', key)
            .send({ ...body, description: `${description} (edited)` });
          expectApiError(other, 409, 'IDEMPOTENCY_KEY_REUSED');
          expectDelta(before, await counts());
        },
      ),
      { numRuns: 25 },
    );
  });

  it('POST /api/v1/public/complaints: malformed JSON is 400 MALFORMED_JSON and stores nothing', async () => {
    const valid = JSON.stringify({
      platformUserId: '10086123',
      contact: 'li.wei@example.cn',
      description: 'Messages arrive late',
    });
    const malformed = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.nat().map((n) => valid.slice(0, n % valid.length)),
      fc
        .tuple(
          fc.nat(),
          fc.constantFrom(',', '}', ']', '"', '\\', ':', "'", 'undefined', 'NaN', '//', '/*'),
        )
        .map(([n, insert]) => {
          const at = n % (valid.length + 1);
          return valid.slice(0, at) + insert + valid.slice(at);
        }),
      fc.constantFrom(
        "{'platformUserId': '10086123'}",
        '{"a":1,}',
        '{"a":01}',
        '{"a":NaN}',
        '{"a":Infinity}',
        '{"a":undefined}',
        '{a:1}',
        '[1,2',
        '{"a":"\\x41"}',
        '{"a":"\\u12"}',
        '{"a":"raw \u0000 nul"}',
        '\ufeff{}',
        '{"a":1}{"b":2}',
        '{"a":1} trailing',
        'null',
        'true',
        '42',
        '"text"',
        '[]',
        '[{}]',
        '{}',
        '   ',
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(malformed, async (text) => {
        const before = await counts();
        const res = await t.http
          .post('/api/v1/public/complaints')
          .set('X-Forwarded-For', nextIp())
          .set('Content-Type', 'application/json')
          .send(text);
        const after = await counts();
        expectApiAnswer(res);
        let parsed: unknown;
        let parses = true;
        try {
          parsed = JSON.parse(text.replace(/^\ufeff/, ''));
        } catch {
          parses = false;
        }
        if (text.length > 0 && (!parses || typeof parsed !== 'object' || parsed === null))
          expectApiError(res, 400, 'MALFORMED_JSON');
        if (res.status === 201) expectDelta(before, after, NEW_COMPLAINT);
        else expectDelta(before, after);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('POST /api/v1/public/complaints: bodies over 64 kB are 413, just under are judged (400), by bytes', async () => {
    const bodyOfBytes = (bytes: number, char: string, field: string) => {
      const head = `{"platformUserId":"10086123","contact":"li.wei@example.cn","${field}":"`;
      const room = bytes - Buffer.byteLength(head) - 2;
      const width = Buffer.byteLength(char);
      const pad = char.repeat(Math.floor(room / width)) + 'x'.repeat(room % width);
      return `${head}${pad}"}`;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: -64, max: 64 }), fc.constantFrom(-20_000, 1, 1_000_000)),
        fc.constantFrom('x', '中', '😀'),
        fc.constantFrom('description', 'zz'),
        async (delta, char, field) => {
          const text = bodyOfBytes(JSON_LIMIT + delta, char, field);
          expect(Buffer.byteLength(text)).toBe(JSON_LIMIT + delta);
          const before = await counts();
          const res = await t.http
            .post('/api/v1/public/complaints')
            .set('X-Forwarded-For', nextIp())
            .set('Content-Type', 'application/json')
            .send(text);
          expectApiAnswer(res);
          if (delta > 0) expectApiError(res, 413, 'PAYLOAD_TOO_LARGE');
          else expectApiError(res, 400, 'VALIDATION_FAILED');
          expectDelta(before, await counts());
        },
      ),
      { numRuns: 30 },
    );
  });

  it('JSON nested at any depth is refused (400) by every JSON endpoint, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1000, max: 15_000 })),
        fc.constantFrom('complaints', 'replies', 'satisfaction', 'login'),
        fc.boolean(),
        async (depth, target, inField) => {
          const arrays = deepArrays(depth);
          const text = inField ? `{"body":"x","rating":1,"deep":${arrays}}` : arrays;
          const path = {
            complaints: '/api/v1/public/complaints',
            replies: `/api/v1/public/complaints/${filed.trackingCode}/replies`,
            satisfaction: `/api/v1/public/complaints/${filed.trackingCode}/satisfaction`,
            login: '/api/v1/auth/login',
          }[target];
          const before = await counts();
          const res = await t.http
            .post(path)
            .set('X-Forwarded-For', nextIp())
            .set('X-Tracking-Token', filed.trackingToken)
            .set('Content-Type', 'application/json')
            .send(text);
          expectApiAnswer(res);
          expectApiError(res, 400, 'VALIDATION_FAILED');
          expectDelta(before, await counts());
        },
      ),
      {
        numRuns: 30,
        examples: [
          [5000, 'complaints', true],
          [15_000, 'login', false],
        ],
      },
    );
  });

  it('POST /api/v1/public/complaints: anything but JSON is 415 and stores nothing', async () => {
    const NOT_JSON = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'text/html',
      'application/javascript',
      'application/json-patch+json',
      'application/jsonp',
      'text/json',
      'application/x-json',
      'image/png',
      'a/b/c',
      ';;;',
    ];
    const contentType = fc.oneof(
      fc.constantFrom(...NOT_JSON),
      fc.constantFrom(
        'APPLICATION/JSON',
        'application/json;charset=UTF-8',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/json; charset=nonsense',
        'application/json, text/plain',
        '*/*',
        'application/*',
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
    );
    // A body that claims a compression it does not have cannot be read: 4xx, never 5xx.
    const encoding = fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity', 'x-nonsense');
    await fc.assert(
      fc.asyncProperty(contentType, fc.boolean(), encoding, async (type, form, compressed) => {
        const body = form
          ? 'platformUserId=10086123&contact=13812345678&description=late'
          : JSON.stringify({
              platformUserId: '10086124',
              contact: '13812345678',
              description: 'late',
            });
        const before = await counts();
        const res = await t.http
          .post('/api/v1/public/complaints')
          .set('X-Forwarded-For', nextIp())
          .set('Content-Type', type)
          .set(compressed ? { 'Content-Encoding': compressed } : {})
          .send(body);
        const after = await counts();
        expectApiAnswer(res);
        if (NOT_JSON.includes(type)) expectApiError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
        if (res.status === 201) {
          expect(type).toMatch(/^\s*application\/json\s*(;|$)/i);
          expect([undefined, 'identity']).toContain(compressed);
          expectDelta(before, after, NEW_COMPLAINT);
        } else expectDelta(before, after);
      }),
      {
        numRuns: 60,
        examples: [
          ['application/json', false, 'gzip'],
          ['application/json', false, 'br'],
        ],
      },
    );
  });

  /** A tracking code in a path: the real one (possibly altered), encoded garbage, or raw traversal. */
  const codeArb = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ path: 'FILED', real: true, exact: true }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('lower', 'shorter', 'longer').map((how) => ({
        path: `FILED-${how}`,
        real: false,
        exact: true,
      })),
    },
    {
      weight: 3,
      arbitrary: urlText
        .filter((s) => !['', '.', '..'].includes(s))
        .map((s) => ({ path: encodeURIComponent(s), real: false, exact: true })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '../../../../etc/passwd',
          '..%2F..%2Fetc%2Fpasswd',
          '%2e%2e%2f%2e%2e%2f',
          '..',
          '.',
          '..;',
          '%00',
          '%zz',
          '%',
          '%E0%A4%A',
          'ABCDEFGHJK%00',
          '%252e%252e%252f',
          '..%5c..%5c',
          'ABCDEFGHJK;rm -rf',
          'ABCDEFGHJK?x=1',
          'A'.repeat(8000),
        )
        .map((path) => ({ path, real: false, exact: false })),
    },
  );
  const codePath = (path: string) =>
    path === 'FILED'
      ? filed.trackingCode
      : path === 'FILED-lower'
        ? filed.trackingCode.toLowerCase()
        : path === 'FILED-shorter'
          ? filed.trackingCode.slice(1)
          : path === 'FILED-longer'
            ? `${filed.trackingCode}0`
            : path;
  const tokenArb = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ value: 'FILED' as string | undefined, real: true }) },
    { weight: 1, arbitrary: fc.constant({ value: undefined, real: false }) },
    { weight: 3, arbitrary: headerSafe.map((value) => ({ value, real: false })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('FILED-upper', 'FILED-cut', 'FILED-twice')
        .map((value) => ({ value, real: false })),
    },
  );
  const tokenValue = (value: string) =>
    value === 'FILED'
      ? filed.trackingToken
      : value === 'FILED-upper'
        ? filed.trackingToken.toUpperCase()
        : value === 'FILED-cut'
          ? filed.trackingToken.slice(0, 31)
          : value === 'FILED-twice'
            ? filed.trackingToken.repeat(2)
            : value;

  it('GET /api/v1/public/complaints/:trackingCode: hostile codes and X-Tracking-Token values', async () => {
    await fc.assert(
      fc.asyncProperty(codeArb, tokenArb, async (code, token) => {
        const before = await counts();
        let req = t.http
          .get(`/api/v1/public/complaints/${codePath(code.path)}`)
          .set('X-Forwarded-For', nextIp());
        if (token.value !== undefined) req = req.set('X-Tracking-Token', tokenValue(token.value));
        const res = await req;
        expectApiAnswer(res);
        if (code.real && token.real) {
          expect(res.status).toBe(200);
          expect(res.body.trackingCode).toBe(filed.trackingCode);
          expect(JSON.stringify(res.body)).not.toContain('li.wei');
        } else if (code.exact) expectApiError(res, 404);
        else expect(res.status).toBeGreaterThanOrEqual(400);
        expectDelta(before, await counts());
      }),
      { numRuns: 120 },
    );
  });

  it('POST …/:trackingCode/replies: hostile bodies, codes and tokens; only a valid reply is stored', async () => {
    type Entries = [string, unknown][];
    const replyBody = fc.oneof(
      { weight: 4, arbitrary: hostileText.map((v): Entries => [['body', v]]) },
      { weight: 2, arbitrary: injectionArb.map((v): Entries => [['body', v]]) },
      { weight: 1, arbitrary: wrongType.map((v): Entries => [['body', v]]) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(hostileText, extrasArb)
          .map(([v, extras]): Entries => [['body', v], ...extras]),
      },
      { weight: 1, arbitrary: fc.constant<Entries>([]) },
    );
    await fc.assert(
      fc.asyncProperty(codeArb, tokenArb, replyBody, async (code, token, entries) => {
        const text = jsonObject(entries);
        const body = (entries.find(([k]) => k === 'body') ?? [])[1];
        const valid =
          entries.length === 1 &&
          isString(body) &&
          validatorLength(body) >= 1 &&
          validatorLength(body) <= 5000 &&
          /\S/.test(body) &&
          !CONTROL.test(body);
        const before = await counts();
        let req = t.http
          .post(`/api/v1/public/complaints/${codePath(code.path)}/replies`)
          .set('X-Forwarded-For', nextIp())
          .set('Content-Type', 'application/json');
        if (token.value !== undefined) req = req.set('X-Tracking-Token', tokenValue(token.value));
        const res = await req.send(text);
        const after = await counts();
        expectApiAnswer(res);
        if (!code.exact) {
          expect(res.status).toBeGreaterThanOrEqual(400);
          return expectDelta(before, after);
        }
        if (Buffer.byteLength(text) > JSON_LIMIT) expectApiError(res, 413);
        else if (!valid) expectApiError(res, 400, 'VALIDATION_FAILED');
        else if (!(code.real && token.real)) expectApiError(res, 404, 'COMPLAINT_NOT_FOUND');
        else {
          expect(res.status).toBe(201);
          expect(res.body).toMatchObject({ from: 'user' });
          if (wellFormed(body as string)) expect(res.body.body).toBe(body);
          return expectDelta(before, after, NEW_REPLY);
        }
        expectDelta(before, after);
      }),
      {
        numRuns: 120,
        examples: [
          [
            { path: 'FILED', real: true, exact: true },
            { value: 'FILED', real: true },
            [
              ['body', 'still broken'],
              ['toString', 'x'],
            ],
          ],
          [
            { path: 'FILED', real: true, exact: true },
            { value: 'FILED', real: true },
            [['body', new RawJson(deepArrays(10_000))]],
          ],
        ],
      },
    );
  });

  it('POST …/:trackingCode/satisfaction: hostile ratings and comments change nothing', async () => {
    const rating = fc.oneof(
      fc.constantFrom(1, 3, 5, 5.0, 0, 6, -1, 2.5, 1e308, '5', '', null, undefined, true),
      fc.integer(),
      wrongType,
    );
    await fc.assert(
      fc.asyncProperty(
        codeArb,
        tokenArb,
        rating,
        optionalText(1000),
        extrasArb,
        async (...args) => {
          const [code, token, score, comment, extras] = args;
          const text = jsonObject([['rating', score], ['comment', comment], ...extras]);
          const valid =
            typeof score === 'number' &&
            Number.isInteger(score) &&
            score >= 1 &&
            score <= 5 &&
            (absent(comment) ||
              (isString(comment) && codePoints(comment) <= 1000 && !CONTROL.test(comment))) &&
            extras.length === 0;
          const before = await counts();
          let req = t.http
            .post(`/api/v1/public/complaints/${codePath(code.path)}/satisfaction`)
            .set('X-Forwarded-For', nextIp())
            .set('Content-Type', 'application/json');
          if (token.value !== undefined) req = req.set('X-Tracking-Token', tokenValue(token.value));
          const res = await req.send(text);
          expectApiAnswer(res);
          expect(res.status).toBeGreaterThanOrEqual(400);
          if (code.exact) {
            if (Buffer.byteLength(text) > JSON_LIMIT) expectApiError(res, 413);
            else if (!valid) expectApiError(res, 400, 'VALIDATION_FAILED');
            else if (!(code.real && token.real)) expectApiError(res, 404, 'COMPLAINT_NOT_FOUND');
            else expectApiError(res, 409, 'COMPLAINT_NOT_RESOLVED');
          }
          expectDelta(before, await counts());
        },
      ),
      {
        numRuns: 80,
        examples: [
          [
            { path: 'FILED', real: true, exact: true },
            { value: 'FILED', real: true },
            5,
            'a\ufe0f'.repeat(1000),
            [],
          ],
          [
            { path: 'FILED', real: true, exact: true },
            { value: 'FILED', real: true },
            5,
            undefined,
            [['constructor', { prototype: {} }]],
          ],
        ],
      },
    );
    const [row] = await t.db.query(
      'SELECT satisfaction_rating, satisfaction_comment FROM complaints WHERE id = $1',
      [filed.id],
    );
    expect(row).toEqual({ satisfaction_rating: null, satisfaction_comment: null });
  });

  it('GET /api/v1/public/incidents: hostile query strings and headers change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(urlText, urlText), {
          maxLength: 4,
        }),
        headerSafe,
        async (query, header) => {
          const qs = query
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&');
          const before = await counts();
          const res = await t.http
            .get(`/api/v1/public/incidents?${qs}`)
            .set('X-Forwarded-For', nextIp())
            .set('Accept', header)
            .set('X-Tracking-Token', header);
          expectApiAnswer(res);
          expect(res.status).toBe(200);
          expect(res.body).toEqual({ items: [] });
          expectDelta(before, await counts());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('POST /api/v1/auth/login: hostile e-mails and passwords are 400 or 401, never a token', async () => {
    const field = fc.oneof(
      { weight: 3, arbitrary: hostileText },
      { weight: 1, arbitrary: wrongType },
      { weight: 1, arbitrary: fc.constantFrom(undefined, null, '', 'ab', ADMIN_EMAIL) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          `${ADMIN_EMAIL}' OR 1=1 --`,
          `' OR 1=1 --@desk.test`,
          ` ${ADMIN_EMAIL.toUpperCase()} `,
          `${ADMIN_EMAIL}\u0000`,
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(field, field, extrasArb, async (email, password, extras) => {
        const text = jsonObject([['email', email], ['password', password], ...extras]);
        const valid = every([
          isString(email) && validatorLength(email) >= 3 && validatorLength(email) <= 254,
          isString(password) && validatorLength(password) >= 1 && validatorLength(password) <= 128,
          extras.length === 0,
          !containsNul(JSON.parse(text)),
        ]);
        const before = await counts();
        const res = await t.http
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', nextIp())
          .set('Content-Type', 'application/json')
          .send(text);
        expectApiAnswer(res);
        if (Buffer.byteLength(text) > JSON_LIMIT) expectApiError(res, 413);
        else if (valid === false) expectApiError(res, 400, 'VALIDATION_FAILED');
        else expectApiError(res, 401, 'INVALID_CREDENTIALS');
        expect(res.body.accessToken).toBeUndefined();
        expectDelta(before, await counts());
      }),
      {
        numRuns: 80,
        examples: [
          [`${ADMIN_EMAIL}\u0000`, 'a-password', []],
          ['abc@desk.test', 'a-password', [['prototype', 'x']]],
          ['abc@desk.test', 'a-password', [['valueOf', 'x']]],
        ],
      },
    );
    // The real credentials still work after all of the above.
    const ok = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', nextIp())
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
  });

  it('X-Request-Id is echoed only when well-formed; otherwise a fresh id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(headerSafe, fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/)),
        fc.constantFrom('/api/v1/public/incidents', '/status', '/api/v1/nope'),
        async (given, path) => {
          const res = await t.http
            .get(path)
            .set('X-Forwarded-For', nextIp())
            .set('X-Request-Id', given);
          expectNo5xx(res);
          const sent = given.replace(/^[ \t]+|[ \t]+$/g, '');
          if (REQUEST_ID.test(sent)) expect(res.headers['x-request-id']).toBe(sent);
          else expect(res.headers['x-request-id']).toMatch(UUID);
          if (path.startsWith('/api') && res.status >= 400) expectApiError(res);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('header injection: CR, LF and NUL in Idempotency-Key / X-Tracking-Token never reach the desk', async () => {
    const raw = (head: string[], body = '') =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let answer = '';
        socket.setEncoding('latin1');
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => undefined);
        socket.write(
          Buffer.from(
            [
              ...head,
              'Host: 127.0.0.1',
              `X-Forwarded-For: ${nextIp()}`,
              'Content-Type: application/json',
              `Content-Length: ${Buffer.byteLength(body)}`,
              'Connection: close',
              '',
              body,
            ].join('\r\n'),
            'latin1',
          ),
        );
      });
    const complaint = JSON.stringify({
      platformUserId: '30000001',
      contact: '13812345678',
      description: 'header injection attempt',
    });
    const before = await counts();
    const attempts: [string[], string][] = [
      [['POST /api/v1/public/complaints HTTP/1.1', 'Idempotency-Key: abc\rdef'], complaint],
      [['POST /api/v1/public/complaints HTTP/1.1', 'Idempotency-Key: abc\u0000def'], complaint],
      [['POST /api/v1/public/complaints HTTP/1.1', 'Idempotency-Key: abc', ' folded'], complaint],
      [['POST /api/v1/public/complaints HTTP/1.1', 'Idempotency-Key: k\u00ffy'], complaint],
      [
        [`GET /api/v1/public/complaints/${filed.trackingCode} HTTP/1.1`, 'X-Tracking-Token: a\rb'],
        '',
      ],
      [
        [
          `GET /api/v1/public/complaints/${filed.trackingCode} HTTP/1.1`,
          'X-Tracking-Token: \u0000',
        ],
        '',
      ],
      [[`GET /api/v1/public/complaints/${'A'.repeat(70_000)} HTTP/1.1`], ''],
      [['GET /api/v1/public/incidents HTTP/1.1', `X-Tracking-Token: ${'t'.repeat(70_000)}`], ''],
    ];
    for (const [head, body] of attempts) {
      const answer = await raw(head, body);
      expect({ head, answer: answer.slice(0, 12) }).toEqual({
        head,
        answer: expect.stringMatching(/^HTTP\/1\.1 4\d\d/),
      });
    }
    // A CRLF "inside" a header is two headers to the server: nothing of the second comes back.
    const split = await raw(
      [
        'POST /api/v1/public/complaints HTTP/1.1',
        'X-Request-Id: abc',
        'Set-Cookie: pwned=1',
        'Idempotency-Key: abc',
        'X-Injected: yes',
      ],
      '{}',
    );
    expect(split).toMatch(/^HTTP\/1\.1 400/);
    expect(split.toLowerCase()).not.toMatch(/\r\n(set-cookie|x-injected):/);
    expectDelta(before, await counts());
  });

  const formText = hostileText.filter(wellFormed);
  const formField = fc.oneof(
    { weight: 3, arbitrary: formText },
    { weight: 2, arbitrary: injectionArb },
    { weight: 1, arbitrary: fc.constant('') },
  );

  it('GET /, /track and /status: hostile query strings and Accept-Language, escaped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/', '/track', '/status'),
        fc.oneof(fc.constantFrom('zh', 'en', 'fr', ''), urlText),
        fc.oneof(injectionArb, urlText),
        headerSafe,
        async (path, lang, code, acceptLanguage) => {
          const before = await counts();
          const res = await t.http
            .get(`${path}?lang=${encodeURIComponent(lang)}&code=${encodeURIComponent(code)}`)
            .set('X-Forwarded-For', nextIp())
            .set('Accept-Language', acceptLanguage);
          expect(res.status).toBe(200);
          expectSafePage(res, [code, code.slice(0, 16)]);
          expect(res.text).toMatch(/^<!doctype html>\n<html lang="(zh-CN|en)">/);
          expectDelta(before, await counts());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('POST /: hostile form fields are refused as HTML (400) or filed; what was typed comes back escaped', async () => {
    const formComplaint = fc.record({
      platformUserId: fc.oneof(fc.stringMatching(/^[1-9][0-9]{4,11}$/), formField),
      contact: fc.oneof(
        { weight: 4, arbitrary: tagged(fc.constantFrom(...VALID_CONTACTS), true as Verdict) },
        {
          weight: 1,
          arbitrary: tagged(
            fc.constantFrom(...INVALID_CONTACTS.filter((s) => s !== '')),
            false as Verdict,
          ),
        },
        {
          weight: 1,
          arbitrary: tagged(
            fc.oneof(formText, injectionArb).filter(NOT_AN_EMAIL_OR_MOBILE),
            false as Verdict,
          ),
        },
        { weight: 1, arbitrary: tagged(fc.constant(''), false as Verdict) },
      ),
      description: fc.oneof(formField, fc.constant('Messages arrive late')),
      title: formField,
      category: fc.oneof(fc.constantFrom('', ...CATEGORIES), formField),
      locale: fc.constantFrom('', 'zh', 'en', 'fr'),
      website: fc.oneof(
        { weight: 5, arbitrary: fc.constant('') },
        { weight: 1, arbitrary: formField },
      ),
      formKey: fc.oneof(
        fc.constant(''),
        fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/),
        formText,
        injectionArb,
      ),
      twice: fc.constantFrom(undefined, 'title', 'description', 'contact'),
      extras: fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), formText), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(formComplaint, fc.constantFrom('zh', 'en'), async (f, lang) => {
        const fields = {
          platformUserId: f.platformUserId,
          contact: f.contact.v,
          description: f.description,
          title: f.title,
          category: f.category,
          locale: f.locale,
          website: f.website,
        };
        const entries: [string, string][] = [
          ...Object.entries(fields),
          ['formKey', f.formKey],
          ...f.extras,
        ];
        if (f.twice) entries.push([f.twice, fields[f.twice]]);
        // The page reads a repeated field as empty.
        const seen = { ...fields, ...(f.twice ? { [f.twice]: '' } : {}) };
        const verdict = every([
          PLATFORM_USER_ID.test(seen.platformUserId),
          f.twice === 'contact' ? false : f.contact.ok,
          seen.description !== '' &&
            /\S/.test(seen.description) &&
            !CONTROL.test(seen.description) &&
            validatorLength(seen.description) <= 5000,
          codePoints(seen.title) <= 200 && !CONTROL.test(seen.title),
          seen.category === '' || CATEGORIES.includes(seen.category),
          seen.locale === '' || seen.locale === 'zh' || seen.locale === 'en',
          validatorLength(seen.website) <= 500,
        ]);
        const honeypot = seen.website !== '' && validatorLength(seen.website) <= 500;
        // Without a usable form key the page makes up one of its own.
        const keyed = f.formKey === '' || FORM_KEY.test(f.formKey);
        const key = f.formKey !== '' && FORM_KEY.test(f.formKey) ? `form:${f.formKey}` : undefined;
        const request = canonical(Object.fromEntries(Object.entries(seen).filter(([, v]) => v)));
        const earlier = key === undefined ? undefined : keys.get(key);
        const reused = earlier !== undefined && earlier.request !== request && !honeypot;
        const body = form(entries);
        const before = await counts();
        const res = await t.http
          .post(`/?lang=${lang}`)
          .set('X-Forwarded-For', nextIp())
          .type('form')
          .send(body);
        const after = await counts();
        if (Buffer.byteLength(body) > JSON_LIMIT) return expectRefusedForm(res, before, after);
        expectSafePage(res, [...Object.values(fields), f.formKey]);
        expect([201, 400]).toContain(res.status);
        if (verdict === false || (verdict === true && reused)) expect(res.status).toBe(400);
        else if (verdict === true) expect(res.status).toBe(201);
        if (res.status !== 201) {
          expect(res.text).toContain('role="alert"');
          return expectDelta(before, after);
        }
        const trackingCode = /id="tracking-code">([^<]*)</.exec(res.text)?.[1];
        expect(trackingCode).toMatch(TRACKING_CODE);
        if (honeypot) return expectDelta(before, after);
        if (earlier) {
          expect(trackingCode).toBe(earlier.trackingCode);
          return expectDelta(before, after);
        }
        expectDelta(before, after, { ...NEW_COMPLAINT, complaint_intake_keys: keyed ? 1 : 0 });
        const [row] = await t.db.query(
          'SELECT id, description FROM complaints WHERE tracking_code = $1',
          [trackingCode],
        );
        expect(row.description).toBe(seen.description);
        if (key !== undefined) keys.set(key, { request, id: row.id, trackingCode: trackingCode! });
      }),
      {
        numRuns: 120,
        examples: [
          [
            {
              platformUserId: '10086123',
              contact: { v: 'li.wei\u0000@example.cn', ok: false },
              description: 'Messages arrive late',
              title: '',
              category: '',
              locale: '',
              website: '',
              formKey: '',
              twice: undefined,
              extras: [],
            },
            'en',
          ],
        ],
      },
    );
  });

  it('POST /track and /track/replies: hostile codes, tokens and replies; replies come back escaped', async () => {
    const pageCode = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('FILED', ' FILED\t', 'filed-lower') },
      { weight: 1, arbitrary: fc.oneof(fc.constant(''), formText, injectionArb) },
    );
    const pageToken = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('FILED', ' FILED ') },
      {
        weight: 1,
        arbitrary: fc.oneof(fc.constantFrom('', 'FILED-upper'), formText, injectionArb),
      },
    );
    const pageReply = fc.oneof(
      formField,
      fc.constant('still broken'),
      fc
        .tuple(formText, fc.constantFrom(...CONTROL_PIECES), formText)
        .map(([a, c, b]) => `${a}${c}${b}`),
    );
    const codeOf = (v: string) =>
      v === 'FILED'
        ? filed.trackingCode
        : v === ' FILED\t'
          ? ` ${filed.trackingCode}\t`
          : v === 'filed-lower'
            ? filed.trackingCode.toLowerCase()
            : v;
    const tokenOf = (v: string) =>
      v === 'FILED'
        ? filed.trackingToken
        : v === ' FILED '
          ? ` ${filed.trackingToken} `
          : v === 'FILED-upper'
            ? filed.trackingToken.toUpperCase()
            : v;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/track', '/track/replies'),
        pageCode,
        pageToken,
        pageReply,
        async (path, codeChoice, tokenChoice, reply) => {
          const code = codeOf(codeChoice);
          const token = tokenOf(tokenChoice);
          const authorised =
            code.trim().toUpperCase() === filed.trackingCode &&
            token.trim() === filed.trackingToken;
          const trimmed = reply.trim();
          const replying = path === '/track/replies' && trimmed !== '';
          const replyOk = !CONTROL.test(trimmed.slice(0, 5000));
          const body = form([
            ['code', code],
            ['token', token],
            ['body', reply],
          ]);
          const before = await counts();
          const res = await t.http
            .post(path)
            .set('X-Forwarded-For', nextIp())
            .type('form')
            .send(body);
          const after = await counts();
          if (Buffer.byteLength(body) > JSON_LIMIT) return expectRefusedForm(res, before, after);
          expectSafePage(res, [code, token, reply]);
          if (replying && !replyOk) {
            expect(res.status).toBe(400);
            return expectDelta(before, after);
          }
          if (!authorised) {
            expect(res.status).toBe(404);
            return expectDelta(before, after);
          }
          expect(res.status).toBe(200);
          expect(res.text).toContain('id="complaint-status"');
          expectDelta(before, after, replying ? NEW_REPLY : {});
        },
      ),
      {
        numRuns: 120,
        examples: [
          ['/track/replies', 'FILED', 'FILED', 'still broken \u0000'],
          ['/track/replies', 'FILED', 'FILED', 'still \u0001 broken'],
        ],
      },
    );
  });

  it('page forms: oversized or wrongly typed bodies never reach the page or the database', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/', '/track', '/track/replies'),
        fc.constantFrom('big', 'many', 'json', 'text', 'gzip'),
        async (path, kind) => {
          const before = await counts();
          let req = t.http.post(path).set('X-Forwarded-For', nextIp());
          if (kind === 'big')
            req = req.type('form').send(`description=${'x'.repeat(JSON_LIMIT + 10)}`);
          else if (kind === 'many')
            req = req
              .type('form')
              .send(Array.from({ length: 30 }, (_, i) => `f${i}=${i}`).join('&'));
          else if (kind === 'json')
            req = req.set('Content-Type', 'application/json').send('{"code":"x","__proto__":{}}');
          else if (kind === 'gzip')
            req = req.type('form').set('Content-Encoding', 'gzip').send('code=not-gzip');
          else req = req.set('Content-Type', 'text/plain').send('code=x&token=y');
          const res = await req;
          expectNo5xx(res);
          expectSecurityHeaders(res);
          expect(res.status).toBeGreaterThanOrEqual(400);
          // The body parser refuses before any page runs: the desk's JSON error body, not a page.
          if (res.headers['content-type']?.startsWith('application/json')) expectApiError(res);
          else expectSafePage(res);
          expectDelta(before, await counts());
        },
      ),
      { numRuns: 20 },
    );
  });

  it('throttles answer 429 with Retry-After: wrong tracking tokens (API and page) and failed logins', async () => {
    const ip = nextIp();
    const wrong = () =>
      t.http
        .get(`/api/v1/public/complaints/${filed.trackingCode}`)
        .set('X-Forwarded-For', ip)
        .set('X-Tracking-Token', '0'.repeat(32));
    for (let i = 0; i < 10; i++) expectApiError(await wrong(), 404, 'COMPLAINT_NOT_FOUND');
    const throttled = await wrong();
    expectApiError(throttled, 429, 'TRACKING_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    const page = await t.http
      .post('/track')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send(
        form([
          ['code', filed.trackingCode],
          ['token', filed.trackingToken],
        ]),
      );
    expect(page.status).toBe(429);
    expectSafePage(page);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);

    const loginIp = nextIp();
    const login = () =>
      t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', loginIp)
        .send({ email: ADMIN_EMAIL, password: 'wrong-password' });
    for (let i = 0; i < 5; i++) expectApiError(await login(), 401, 'INVALID_CREDENTIALS');
    const locked = await login();
    expectApiError(locked, 429, 'LOGIN_THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('every page and API answer carries helmet headers; pages a content security policy', async () => {
    for (const [path, type] of [
      ['/', 'html'],
      ['/track', 'html'],
      ['/status', 'html'],
      ['/api/v1/public/incidents', 'json'],
      ['/api/v1/public/complaints/XXXXXXXXXX', 'json'],
      ['/api/v1/nope', 'json'],
    ]) {
      const res = await t.http.get(path).set('X-Forwarded-For', nextIp());
      expectSecurityHeaders(res);
      expect(res.headers['content-type']).toContain(type);
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      if (type === 'html') {
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.headers['content-security-policy']).toContain("object-src 'none'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      }
    }
  });

  it('CORS_ORIGINS unset: a cross-origin preflight or request gets no Access-Control-Allow-Origin', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(
            'https://desk.example',
            'https://evil.example',
            'null',
            'http://localhost',
          ),
          fc.webUrl().map((u) => new URL(u).origin),
        ),
        fc.constantFrom('/api/v1/public/complaints', '/api/v1/public/incidents', '/', '/track'),
        async (origin, path) => {
          const preflight = await t.http
            .options(path)
            .set('Origin', origin)
            .set('Access-Control-Request-Method', 'POST')
            .set('Access-Control-Request-Headers', 'content-type, idempotency-key');
          expectNo5xx(preflight);
          expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
          const simple = await t.http.get(path).set('Origin', origin);
          expectNo5xx(simple);
          expect(simple.headers['access-control-allow-origin']).toBeUndefined();
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('CORS_ORIGINS set, and the intake limit once reached', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApi({
      CORS_ORIGINS: 'https://desk.example',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '2',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('allows exactly the configured origin', async () => {
    const allowed = await t.http
      .options('/api/v1/public/complaints')
      .set('Origin', 'https://desk.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, idempotency-key');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example');
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(
            'https://evil.example',
            'http://desk.example',
            'https://desk.example.evil.com',
            'https://evil-desk.example',
            'https://desk.example:8443',
            'https://DESK.example.',
            'null',
          ),
          fc.webUrl().map((u) => new URL(u).origin),
        ),
        async (origin) => {
          fc.pre(origin !== 'https://desk.example');
          const preflight = await t.http
            .options('/api/v1/public/complaints')
            .set('Origin', origin)
            .set('Access-Control-Request-Method', 'POST');
          expectNo5xx(preflight);
          expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
          const simple = await t.http.get('/api/v1/public/incidents').set('Origin', origin);
          expect(simple.headers['access-control-allow-origin']).toBeUndefined();
        },
      ),
      { numRuns: 20 },
    );
    const simple = await t.http
      .get('/api/v1/public/incidents')
      .set('Origin', 'https://desk.example');
    expect(simple.headers['access-control-allow-origin']).toBe('https://desk.example');
  });

  it('answers 429 RATE_LIMITED with Retry-After beyond the per-IP limit, API and page, storing nothing', async () => {
    const ip = '192.0.2.77';
    const send = (platformUserId: string) =>
      t.http
        .post('/api/v1/public/complaints')
        .set('X-Forwarded-For', ip)
        .send({ platformUserId, contact: '13812345678', description: 'late messages' });
    await send('40000001').expect(201);
    await send('40000002').expect(201);
    const count = async () =>
      Number((await t.db.query('SELECT count(*) AS n FROM complaints'))[0].n);
    const before = await count();
    const limited = await send('40000003');
    expectApiError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const page = await t.http
      .post('/')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send('platformUserId=40000004&contact=13812345678&description=late');
    expect(page.status).toBe(429);
    expectSafePage(page);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count()).toBe(before);
  });
});

describe('logs never carry contacts or tokens', () => {
  let sandbox: Sandbox;
  let app: INestApplication;
  const lines: string[] = [];

  beforeAll(async () => {
    // The API exactly as startApi builds it, but with every log line captured in memory.
    sandbox = await createSandbox({ ...NO_LIMITS, LOG_LEVEL: 'trace' });
    const capture = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('trace', capture);
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(sandbox.config)],
    })
      .setLogger(new PinoNestLogger(log))
      .compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: new PinoNestLogger(log) });
    configureHttpApp(app, log);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.drop();
  });

  it('requests with e-mails, mobile numbers, tracking tokens and bearer tokens leave none in the log', async () => {
    const http = request(app.getHttpServer());
    const email = 'secret.person@example.cn';
    const mobile = '13987654321';
    const secrets = [email, mobile];
    const byEmail = await http
      .post('/api/v1/public/complaints')
      .set('Idempotency-Key', 'log-check-1')
      .send({ platformUserId: '50000001', contact: email, description: `call ${mobile}` })
      .expect(201);
    const byMobile = await http
      .post('/api/v1/public/complaints')
      .send({ platformUserId: '50000002', contact: `+86 ${mobile}`, description: email })
      .expect(201);
    secrets.push(byEmail.body.trackingToken, byMobile.body.trackingToken);
    await http
      .get(`/api/v1/public/complaints/${byEmail.body.trackingCode}`)
      .set('X-Tracking-Token', byEmail.body.trackingToken)
      .expect(200);
    await http
      .post(`/api/v1/public/complaints/${byEmail.body.trackingCode}/replies`)
      .set('X-Tracking-Token', byEmail.body.trackingToken)
      .send({ body: `reach me at ${email} or ${mobile}` })
      .expect(201);
    await http
      .get(`/api/v1/public/complaints/${byEmail.body.trackingCode}`)
      .set('X-Tracking-Token', `${byEmail.body.trackingToken}0`)
      .expect(404);
    await http
      .post('/track')
      .type('form')
      .send(
        form([
          ['code', byMobile.body.trackingCode],
          ['token', byMobile.body.trackingToken],
        ]),
      )
      .expect(200);
    await http
      .post('/')
      .type('form')
      .send(
        form([
          ['platformUserId', '0'],
          ['contact', email],
          ['description', mobile],
        ]),
      )
      .expect(400);
    await http
      .post('/api/v1/public/complaints')
      .send({ platformUserId: '1', contact: `${email}\u0000`, description: mobile })
      .expect(400);
    const login = await http
      .post('/api/v1/auth/login')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
      .expect(200);
    secrets.push(ADMIN_PASSWORD, login.body.accessToken);
    await http.post('/api/v1/auth/login').send({ email, password: 'a-wrong-password' }).expect(401);
    await http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    await http.get('/api/v1/auth/me').set('Authorization', `Bearer ${email}`).expect(401);
    await http.get(`/track?code=${encodeURIComponent(email)}`).expect(200);

    const text = lines.join('');
    expect(text).toContain('request finished');
    expect(text.match(/"msg":"request finished"/g)?.length).toBeGreaterThanOrEqual(13);
    for (const secret of secrets) expect(text).not.toContain(secret);
    // The log names the route pattern, never the URL with its code or query.
    expect(text).not.toContain(byEmail.body.trackingCode);
  });
});
