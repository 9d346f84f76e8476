import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, type AuditEntry, AuditLog, PUBLIC, SYSTEM } from '@desk/audit';
import { type ApprovalPolicy, requiredTier, type Tier } from '@desk/compensation';
import type { ComplaintStatus, TriageRecord } from '@desk/complaints';
import { ComplaintRepository } from '@desk/complaints';
import { databaseOptions, migrate } from '@desk/database';
import { autoTitle, PlanRunner, SpikeDetector } from '@desk/incidents';
import { grantLegs, LedgerService, type TransferRequest } from '@desk/ledger';
import {
  type AppConfig,
  createLogger,
  JobName,
  loadConfigOrExit,
  Outbox,
  PinoNestLogger,
  QueueName,
  type Role,
  runWithContext,
  Transactions,
  type Tx,
} from '@desk/platform';
import { Notifier, renderTemplate, type TicketEntity } from '@desk/tickets';
import {
  type CategoryKey,
  compileRules,
  CORPUS_URL,
  type CompiledRule,
  DEFAULT_PRIORITY,
  modelFromCorpus,
  parseJsonl,
  similarity,
  triage,
} from '@desk/triage';
import { ApiModule } from '../apps/api/src/api.module.js';
import { CreateStaffUseCase } from '../libs/auth/src/create-staff.use-case.js';
import { ApproveCompensationUseCase } from '../libs/compensation/src/approve-compensation.use-case.js';
import { ProposeCompensationUseCase } from '../libs/compensation/src/compensation-actions.use-cases.js';
import { ruleOf } from '../libs/compensation/src/compensation.views.js';
import { CompensationRules } from '../libs/compensation/src/rules.use-cases.js';
import {
  cappedOutcome,
  type CompensationRule,
  ruleMatches,
} from '../libs/compensation/src/rule-matching.policy.js';
import { CorrectTriageUseCase } from '../libs/complaints/src/correct-triage.use-case.js';
import { SearchText } from '../libs/complaints/src/search-text.js';
import { SubmitComplaintUseCase } from '../libs/complaints/src/submit-complaint.use-case.js';
import { newTrackingCredentials } from '../libs/complaints/src/tracking-credentials.js';
import { triageText } from '../libs/complaints/src/triage-engine.service.js';
import { ComplaintIncidents } from '../libs/incidents/src/complaint-incidents.service.js';
import { IncidentActions } from '../libs/incidents/src/incident-actions.use-cases.js';
import { IncidentRepository } from '../libs/incidents/src/incident.repository.js';
import { IncidentReviews } from '../libs/incidents/src/review.use-case.js';
import {
  detectSpike,
  severityOf,
  type SpikeSettings,
  type SpikeVerdict,
  spikingTerms,
} from '../libs/incidents/src/spike.policy.js';
import { compensationInWords } from '../libs/incidents/src/statement-templates.js';
import { PublishStatementUseCase } from '../libs/incidents/src/statements.use-case.js';
import { pickAssignee, planAssignments } from '../libs/tickets/src/assignment.policy.js';
import { CreateShiftUseCase } from '../libs/tickets/src/create-shift.use-case.js';
import {
  expandWeekly,
  type Interval,
  type WeeklySlot,
  zonedToUtc,
  zoneOffsetMs,
} from '../libs/tickets/src/roster.policy.js';
import { type RoutableQueue, routeTicket } from '../libs/tickets/src/routing.policy.js';
import {
  CreateCannedResponseUseCase,
  CreateQueueUseCase,
} from '../libs/tickets/src/settings.use-cases.js';
import { clockOf, slaJobKey } from '../libs/tickets/src/sla-clock.js';
import {
  deadlines,
  dueEvents,
  nextWakeUp,
  type Priority,
  type SlaEvent,
  slaEventChanges,
  type SlaTargets,
} from '../libs/tickets/src/sla.policy.js';
import {
  afterUserReply,
  isOpen,
  statusChanges,
} from '../libs/tickets/src/ticket-lifecycle.policy.js';
import { REOPEN_WINDOW_DAYS, type TicketStatus } from '../libs/tickets/src/tickets.constants.js';
import * as C from './demo-content.js';

/**
 * `npm run demo`: seeds a realistic desk into DATABASE_URL so that `npm start` shows queues,
 * reports, the ledger and the status page with content. Configuration (staff, queues, rosters,
 * rules, canned responses) goes through the real use cases; 30 days of history is simulated with
 * the desk's own policies (triage engine, routing, assignment, SLA clock, ticket lifecycle, rule
 * matching, approval tiers, spike detection) and written with the timestamps it happened at, grants
 * through LedgerService with backdated effective dates, audit records through AuditLog. What is
 * happening now (the ads storm, pending approvals, a review, fresh complaints) uses the real use
 * cases, the spike detector included. Idempotent-ish: a desk that has the demo staff is left alone.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 30;
const DAILY_COMPLAINTS = 95;
const MARKER_EMAIL = `agent01@${C.DEMO_DOMAIN}`;
const REQUEST_ID = 'demo-seed';
/** The spike detector's stop list (libs/incidents/src/spike-detector.service.ts), for key terms. */
const STOP_TERMS = new Set(
  'the and for with this that have has not you your are was were but its it’s cannot can’t 我们 你们 什么 怎么 为什么 就是 还是 一直 已经 没有 不是 可以 现在 今天 一下'.split(
    ' ',
  ),
);

// ─── small helpers ────────────────────────────────────────────────────────────────────────────

/** Deterministic randomness (mulberry32): the same run shape every time, relative to now. */
let seed = 0x5eed_2024;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const uniform = (a: number, b: number) => a + (b - a) * rnd();
const chance = (p: number) => rnd() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
function weighted<T>(entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [value, w] of entries) if ((x -= w) < 0) return value;
  return entries[entries.length - 1][0];
}
function poisson(lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k += 1;
    p *= rnd();
  }
  return k;
}
const iso = (ms: number | Date | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
const say = (line: string) => process.stdout.write(`${line}\n`);
const localParts = (ms: number) => {
  const d = new Date(ms + zoneOffsetMs(ms, C.ZONE));
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    hour: d.getUTCHours(),
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    date: d.toISOString().slice(0, 10),
    hhmm: d.toISOString().slice(11, 16),
  };
};

/** Binary min-heap of timed events (ties in insertion order). */
class Timeline<T extends { at: number }> {
  private items: { at: number; seq: number; value: T }[] = [];
  private seq = 0;
  push(value: T): void {
    const item = { at: value.at, seq: this.seq++, value };
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[p], a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top.value;
  }
  peek(): T | undefined {
    return this.items[0]?.value;
  }
  private less(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

/**
 * INSERT … SELECT FROM unnest(…): a thousand rows per statement, timestamps as given. `columns` is
 * "name:type …" (text when no type is given); rows hold the values in that order.
 */
async function bulkInsert(
  tx: Tx,
  table: string,
  columns: string,
  rows: readonly unknown[][],
): Promise<void> {
  const spec = columns.split(/\s+/).map((c) => {
    const [name, type = 'text'] = c.split(':');
    return { name, type };
  });
  const names = spec.map((c) => `"${c.name}"`).join(', ');
  const select = spec.map((c, i) => (c.type === 'jsonb' ? `u.c${i}::jsonb` : `u.c${i}`)).join(', ');
  const unnest = spec
    .map((c, i) => `$${i + 1}::${c.type === 'jsonb' ? 'text' : c.type}[]`)
    .join(', ');
  const aliases = spec.map((_, i) => `c${i}`).join(', ');
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await tx.query(
      `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${aliases})`,
      spec.map((_, c) => chunk.map((row) => row[c] ?? null)),
    );
  }
}

// ─── the people, the plan of the desk ─────────────────────────────────────────────────────────

interface Duty extends Interval {
  queueKeys: string[];
}

interface Staff {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  skills: Set<string>;
  capacity: number;
  duties: Duty[];
  load: number;
  lastAssignedAt: Date | null;
}

interface User {
  id: string;
  lang: C.Locale;
  contact: string;
}

interface Draft {
  at: number;
  label: CategoryKey;
  lang: 'zh' | 'en' | 'mixed';
  text: string;
  title: string | null;
  user: User;
  kind: 'normal' | 'outage' | 'storm';
}

interface SimComplaint {
  id: string;
  trackingCode: string;
  token: string;
  tokenHash: string;
  platformUserId: string;
  contact: string;
  title: string | null;
  description: string;
  locale: C.Locale | null;
  occurredAt: number | null;
  userCategory: string | null;
  status: ComplaintStatus;
  category: CategoryKey;
  priority: Priority;
  language: string;
  triage: TriageRecord;
  triagedAt: number;
  duplicateOfId: string | null;
  searchText: string;
  satisfactionRating: number | null;
  satisfactionComment: string | null;
  createdAt: number;
  incidentId: string | null;
  label: CategoryKey;
  kind: Draft['kind'];
  replyLocale: C.Locale;
  ticket: SimTicket | null;
}

type Step = 'firstReply' | 'userReply' | 'resolve' | 'reopen' | 'rate' | 'agentClose' | 'autoClose';
const AGENT_STEPS: readonly Step[] = ['firstReply', 'resolve'];

interface Script {
  d1: number;
  ask: boolean;
  userDelay: number | null;
  d2: number;
  d2b: number;
  reopen: { after: number; d3: number } | null;
  rate: { after: number } | null;
  agentClose: number | null;
  correct: boolean;
  manual: boolean;
  note: boolean;
  outageResolveAfter: number | null;
}

type SimTicket = TicketEntity & {
  complaint: SimComplaint;
  script: Script;
  phase: 'first' | 'waitUser' | 'work' | 'done';
  pending: { step: Step; delay: number } | null;
  resolutions: number;
};

interface Message {
  id: string;
  complaintId: string;
  authorKind: 'user' | 'agent' | 'system';
  authorId: string | null;
  visibility: 'public' | 'internal';
  body: string;
  dedupeKey: string | null;
  at: number;
  seq: number;
}

interface Note {
  staffId: string;
  kind: string;
  title: string;
  ticketId: string | null;
  data: Record<string, unknown>;
  at: number;
  readAt: number | null;
}

interface TimedAudit {
  at: number;
  seq: number;
  entry: AuditEntry | (() => AuditEntry);
}

interface Resolution {
  ticket: SimTicket;
  at: number;
  breached: boolean;
  by: Staff;
}

interface SimComp {
  id: string;
  complaint: SimComplaint;
  memberDays: number;
  qCoins: number;
  reason: string;
  source: 'rule' | 'manual';
  rule: CompensationRule | null;
  tier: Tier;
  proposedBy: Staff | null;
  createdAt: number;
  approvals: { by: Staff; at: number; note: string | null }[];
  outcome: 'granted' | 'pending' | 'rejected' | 'expired';
  doneAt: number | null;
  rejectedBy: Staff | null;
  rejectReason: string | null;
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────

const started = Date.now();
const config = loadConfigOrExit();
await migrate(config.DATABASE_URL);

{
  const probe = new DataSource(databaseOptions(config.DATABASE_URL, 1, 'desk-demo'));
  await probe.initialize();
  const marker = (await probe.query('SELECT 1 FROM staff WHERE email = $1', [
    MARKER_EMAIL,
  ])) as unknown[];
  const reviewed = (await probe.query(
    'SELECT 1 FROM incidents i JOIN incident_reviews r ON r.incident_id = i.id WHERE i.title = $1',
    [C.OUTAGE.title],
  )) as unknown[];
  await probe.destroy();
  if (marker.length > 0) {
    say(
      reviewed.length > 0
        ? `The demo is already seeded in ${redactUrl(config.DATABASE_URL)} (${MARKER_EMAIL} exists); nothing to do.`
        : `${redactUrl(config.DATABASE_URL)} has the demo staff but not the whole demo (an earlier run stopped half-way?). Drop the database and run npm run demo again.`,
    );
    process.exit(reviewed.length > 0 ? 0 : 1);
  }
}

const app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), {
  logger: new PinoNestLogger(createLogger('error')),
});
try {
  await runWithContext({ requestId: REQUEST_ID }, () => seedDesk(app, config));
} finally {
  await app.close();
}
process.exit(0);

function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function seedDesk(app: INestApplicationContext, config: AppConfig): Promise<void> {
  const get = <T>(type: new (...args: never[]) => T): T => app.get(type, { strict: false });
  const db = get(DataSource);
  const audit = get(AuditLog);
  const transactions = get(Transactions);
  const ledger = get(LedgerService);
  const NOW = Date.now();
  const HISTORY_START = NOW - HISTORY_DAYS * DAY;

  // ── 1. Staff, queues, canned responses, rosters, rules: through the real use cases ──────────
  const [admin] = (await db.query(
    `SELECT id FROM staff WHERE email = $1 OR ('admin' = ANY(roles) AND active) ORDER BY email = $1 DESC LIMIT 1`,
    [config.DESK_ADMIN_EMAIL.trim().toLowerCase()],
  )) as { id: string }[];
  const adminActor = { kind: 'staff' as const, id: admin.id };

  const queueKeys = ['general', ...C.QUEUES.map((q) => q.key)];
  const existingQueues = new Set(
    ((await db.query('SELECT key FROM queues')) as { key: string }[]).map((r) => r.key),
  );
  for (const q of C.QUEUES) {
    if (!existingQueues.has(q.key))
      await get(CreateQueueUseCase).execute(adminActor, { ...q, priorities: [] });
  }
  for (const canned of C.CANNED) {
    await get(CreateCannedResponseUseCase)
      .execute(adminActor, canned)
      .catch(() => undefined); // already there
  }

  const createStaff = get(CreateStaffUseCase);
  const staffSpecs: {
    email: string;
    name: string;
    roles: Role[];
    skills: string[];
    capacity: number;
    team: number;
    pattern: number;
  }[] = [];
  C.AGENT_NAMES.forEach((name, i) => {
    const pattern = C.TEAM_PATTERN[i % 4];
    staffSpecs.push({
      email: `agent${String(i + 1).padStart(2, '0')}@${C.DEMO_DOMAIN}`,
      name,
      roles: ['agent'],
      skills: [...pattern.skills],
      capacity: pattern.capacity,
      team: Math.floor(i / 4),
      pattern: i % 4,
    });
  });
  C.SUPERVISOR_NAMES.forEach((name, i) =>
    staffSpecs.push({
      email: `supervisor${String(i + 1).padStart(2, '0')}@${C.DEMO_DOMAIN}`,
      name,
      roles: ['supervisor'],
      skills: queueKeys,
      capacity: 20,
      team: i,
      pattern: -1,
    }),
  );
  C.FINANCE_NAMES.forEach((name, i) =>
    staffSpecs.push({
      email: `finance${String(i + 1).padStart(2, '0')}@${C.DEMO_DOMAIN}`,
      name,
      roles: ['finance'],
      skills: [],
      capacity: 20,
      team: -1,
      pattern: -1,
    }),
  );
  // Hashing is the slow part (argon2id); the use case hashes before its transaction, so run them side by side.
  const created = await Promise.all(
    staffSpecs.map((s) =>
      createStaff.execute(adminActor, {
        email: s.email,
        password: C.DEMO_PASSWORD,
        displayName: s.name,
        roles: s.roles,
        skills: s.skills,
        capacity: s.capacity,
      }),
    ),
  );
  const staff: Staff[] = created.map((view, i) => ({
    id: view.id,
    email: view.email,
    name: view.displayName,
    roles: staffSpecs[i].roles,
    skills: new Set(staffSpecs[i].skills),
    capacity: staffSpecs[i].capacity,
    duties: [],
    load: 0,
    lastAssignedAt: null,
  }));
  const agents = staff.filter((s) => s.roles.includes('agent'));
  const supervisors = staff.filter((s) => s.roles.includes('supervisor'));
  const finance = staff.filter((s) => s.roles.includes('finance'));
  const byId = new Map(staff.map((s) => [s.id, s]));
  const actorOf = (s: Staff): { kind: 'staff'; id: string } => ({ kind: 'staff', id: s.id });

  // Weekly 24/7 rosters in Shanghai time, starting before the history does.
  const rosterFrom = localParts(HISTORY_START - 5 * DAY).date;
  const createShift = get(CreateShiftUseCase);
  const dutyWindow = { from: new Date(HISTORY_START - 2 * DAY), to: new Date(NOW + DAY) };
  for (const [i, spec] of staffSpecs.entries()) {
    if (spec.team < 0) continue;
    const shift = C.SHIFTS[spec.team];
    const daysOff: readonly number[] =
      spec.pattern >= 0 ? C.TEAM_PATTERN[spec.pattern].daysOff : [];
    const weekly: WeeklySlot[] = [1, 2, 3, 4, 5, 6, 7]
      .filter((d) => !daysOff.includes(d))
      .map((weekday) => ({ weekday, start: shift.start, end: shift.end }));
    const rosterQueues = spec.roles.includes('agent') ? spec.skills : queueKeys;
    await createShift.execute(adminActor, {
      staffId: staff[i].id,
      queueKeys: rosterQueues,
      timeZone: C.ZONE,
      weekly,
      from: rosterFrom,
    });
    staff[i].duties = expandWeekly(
      { timeZone: C.ZONE, slots: weekly, fromDate: rosterFrom, untilDate: null },
      dutyWindow,
    ).map((o) => ({ ...o, queueKeys: rosterQueues }));
  }

  // Compensation rules (the approval policy stays the default one).
  const rules = get(CompensationRules);
  const ruleSpecs = [
    {
      name: 'SLA breach on a functional defect',
      active: true,
      conditions: { categories: ['functional_defect'], slaBreached: true },
      outcome: { memberDays: 3, qCoins: 0 },
      capPerUser30Days: { memberDays: 6, qCoins: 0 },
    },
    {
      name: 'Billing error goodwill',
      active: true,
      conditions: { categories: ['billing'] },
      outcome: { memberDays: 0, qCoins: 100 },
      capPerUser30Days: { memberDays: 0, qCoins: 200 },
    },
    {
      name: 'Outage outside an incident, SLA breached',
      active: true,
      conditions: { categories: ['network_outage'], incidentLinked: false, slaBreached: true },
      outcome: { memberDays: 1, qCoins: 0 },
      capPerUser30Days: { memberDays: 3, qCoins: 0 },
    },
    {
      name: 'Apology for rude service',
      active: true,
      conditions: { categories: ['service_attitude'], maxGrantsLast30Days: 1 },
      outcome: { memberDays: 0, qCoins: 20 },
      capPerUser30Days: { memberDays: 0, qCoins: 40 },
    },
    {
      name: 'Ads complaints goodwill (paused)',
      active: false,
      conditions: { categories: ['marketing_abuse'] },
      outcome: { memberDays: 0, qCoins: 10 },
    },
  ];
  const ruleViews = [];
  for (const spec of ruleSpecs) ruleViews.push(await rules.create(adminActor, spec));
  // Billing v2 (ten days ago): only P1/P2 billing errors, with a larger cap.
  const billingV2 = await rules.update(adminActor, ruleViews[1].id, {
    ...ruleSpecs[1],
    conditions: { categories: ['billing'], priorities: ['P1', 'P2'] },
    capPerUser30Days: { memberDays: 0, qCoins: 300 },
  });

  // The configuration existed before the history it governs: date it back (not audit, not ledger).
  const CONFIG_AT = HISTORY_START - 3 * DAY;
  const V2_AT = NOW - 10 * DAY;
  await db.query('UPDATE staff SET created_at = $2, updated_at = $2 WHERE id = ANY($1)', [
    staff.map((s) => s.id),
    iso(CONFIG_AT),
  ]);
  await db.query('UPDATE queues SET created_at = $2 WHERE key = ANY($1)', [
    C.QUEUES.map((q) => q.key),
    iso(CONFIG_AT),
  ]);
  await db.query('UPDATE rosters SET created_at = $2 WHERE staff_id = ANY($1)', [
    staff.map((s) => s.id),
    iso(CONFIG_AT),
  ]);
  await db.query(
    `UPDATE compensation_rules SET created_at = $2::timestamptz + (version - 1) * interval '1 minute'
      WHERE id = ANY($1)`,
    [ruleViews.map((r) => r.id), iso(CONFIG_AT)],
  );
  await db.query('UPDATE compensation_rules SET created_at = $3 WHERE id = $1 AND version = $2', [
    billingV2.id,
    billingV2.version,
    iso(V2_AT),
  ]);
  const ruleVersions = (
    (await db.query('SELECT * FROM compensation_rules WHERE id = ANY($1) ORDER BY created_at, id', [
      ruleViews.map((r) => r.id),
    ])) as Record<string, unknown>[]
  ).map((row) => ({
    rule: ruleOf({
      id: row.id as string,
      version: row.version as number,
      name: row.name as string,
      active: row.active as boolean,
      conditions: row.conditions as CompensationRule['conditions'],
      outcomeMemberDays: row.outcome_member_days as string,
      outcomeQCoins: row.outcome_q_coins as string,
      capMemberDays: row.cap_member_days as string | null,
      capQCoins: row.cap_q_coins as string | null,
      isCurrent: row.is_current as boolean,
      createdBy: null,
      createdAt: row.created_at as Date,
    }),
    from: (row.created_at as Date).getTime(),
  }));
  const rulesAt = (at: number) => {
    const current = new Map<string, CompensationRule>();
    for (const v of ruleVersions) if (v.from <= at) current.set(v.rule.id, v.rule);
    return [...current.values()];
  };
  say(`staff, queues, rosters and rules created (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // What the desk reads back: queues as routing sees them, SLA targets, the approval policy.
  const queues = (
    (await db.query('SELECT key, categories, priorities, created_at FROM queues')) as {
      key: string;
      categories: string[];
      priorities: string[];
      created_at: Date;
    }[]
  ).map((q): RoutableQueue => ({ ...q, createdAt: q.created_at }));
  const slaTargets = new Map(
    (
      (await db.query(
        'SELECT priority, first_response_seconds, resolution_seconds FROM sla_policies',
      )) as { priority: Priority; first_response_seconds: number; resolution_seconds: number }[]
    ).map((p): [Priority, SlaTargets] => [
      p.priority,
      { firstResponseSeconds: p.first_response_seconds, resolutionSeconds: p.resolution_seconds },
    ]),
  );
  const [policyRow] = (await db.query(
    'SELECT version, policy FROM approval_policies ORDER BY version DESC LIMIT 1',
  )) as { version: number; policy: ApprovalPolicy }[];
  const triageRules = compileRules(
    (
      (await db.query(
        'SELECT id, name, category, priority, pattern, is_regex, weight, version FROM triage_rules WHERE active ORDER BY name',
      )) as {
        id: string;
        name: string;
        category: CompiledRule['category'];
        priority: CompiledRule['priority'];
        pattern: string;
        is_regex: boolean;
        weight: number;
        version: number;
      }[]
    ).map((r) => ({ ...r, isRegex: r.is_regex })),
  );
  const cannedRows = (await db.query('SELECT key, locale, body FROM canned_responses')) as {
    key: string;
    locale: C.Locale;
    body: string;
  }[];
  const canned = (key: string, locale: C.Locale, variables: Record<string, string>) => {
    const template =
      cannedRows.find((c) => c.key === key && c.locale === locale) ??
      cannedRows.find((c) => c.key === key)!;
    return renderTemplate(template.body, variables).text;
  };

  // ── 2. Who complained about what, when ──────────────────────────────────────────────────────
  const corpus = parseJsonl(readFileSync(CORPUS_URL, 'utf8')) as {
    text: string;
    category: CategoryKey;
    lang?: string;
  }[];
  const corpusBy = new Map<string, string[]>();
  for (const line of corpus) {
    const key = `${line.category}:${line.lang ?? 'zh'}`;
    corpusBy.set(key, [...(corpusBy.get(key) ?? []), line.text]);
  }
  const corpusText = (category: CategoryKey, lang: Draft['lang']) =>
    pick(corpusBy.get(`${category}:${lang}`) ?? corpusBy.get(`${category}:zh`)!);

  const takenIds = new Set<string>();
  const newUser = (lang: C.Locale): User => {
    let id = '';
    do id = String(Math.floor(10 ** uniform(5, 10.3)));
    while (takenIds.has(id) || !/^[1-9][0-9]{4,11}$/.test(id));
    takenIds.add(id);
    const contact =
      lang === 'zh' && chance(0.8)
        ? `1${pick([3, 5, 7, 8, 9])}${String(Math.floor(uniform(0, 1e9))).padStart(9, '0')}`
        : `${pick(['lily', 'chen', 'wang', 'alex', 'sam', 'mia', 'leo', 'zhao', 'yu', 'kate'])}${Math.floor(uniform(1, 999))}@${pick(['example.com', 'example.cn', 'example.org'])}`;
    return { id, lang, contact };
  };
  const userPool = Array.from({ length: 2600 }, () => newUser(chance(0.64) ? 'zh' : 'en'));
  const poolUser = () => userPool[Math.floor(userPool.length * rnd() ** 1.6)];

  const categoryMix: [CategoryKey, number][] = [
    ['functional_defect', 22],
    ['network_outage', 7],
    ['account_security', 10],
    ['privacy_leak', 5],
    ['service_attitude', 8],
    ['marketing_abuse', 9],
    ['billing', 15],
    ['ux_design', 10],
    ['other', 14],
  ];
  const hourFactor = [
    0.5, 0.35, 0.25, 0.2, 0.2, 0.25, 0.45, 0.8, 1.1, 1.3, 1.35, 1.3, 1.1, 1.1, 1.2, 1.2, 1.15, 1.1,
    1.0, 1.2, 1.45, 1.5, 1.3, 0.9,
  ];
  const meanFactor = hourFactor.reduce((a, b) => a + b, 0) / 24;
  const drafts: Draft[] = [];
  // Real complaints are not corpus lines: some are chattier, some cut short, some mix two topics.
  const draftText = (category: CategoryKey, lang: Draft['lang']) => {
    const text = corpusText(category, lang);
    const en = lang === 'en';
    const r = rnd();
    if (r < 0.6) return text;
    if (r < 0.75)
      return `${pick(en ? C.OPENERS.en : C.OPENERS.zh)}${text}${pick(en ? C.CLOSERS.en : C.CLOSERS.zh)}`;
    if (r < 0.9) {
      const clause = text.split(/[，,。.!！？?；;]/)[0].trim();
      return [...clause].length >= 6 ? clause : text;
    }
    const other = weighted(categoryMix.filter(([c]) => c !== category));
    return `${text}${en ? ' Also, ' : '，另外'}${corpusText(other, lang)}`;
  };
  for (let hour = HISTORY_START; hour < NOW - HOUR; hour += HOUR) {
    const local = localParts(hour);
    const lambda =
      (DAILY_COMPLAINTS / 24) *
      (hourFactor[local.hour] / meanFactor) *
      (local.weekday >= 6 ? 1.15 : 1);
    for (let n = poisson(lambda); n > 0; n--) {
      const user = poolUser();
      const label = weighted(categoryMix);
      const lang: Draft['lang'] = user.lang === 'en' ? 'en' : chance(0.1) ? 'mixed' : 'zh';
      const at = hour + rnd() * HOUR;
      const titles = C.TITLES[label][lang === 'en' ? 'en' : 'zh'];
      const draft: Draft = {
        at,
        label,
        lang,
        text: draftText(label, lang),
        title: chance(0.25) ? pick(titles) : null,
        user,
        kind: 'normal',
      };
      drafts.push(draft);
      // Some people file the same thing again when nobody answers fast enough.
      if (chance(0.025)) {
        const again = at + uniform(1, 40) * HOUR;
        if (again < NOW - 20 * MIN)
          drafts.push({
            ...draft,
            at: again,
            text: draft.text + C.RESUBMIT_SUFFIX[lang === 'en' ? 'en' : 'zh'],
          });
      }
    }
  }

  // The outage: three evenings ago at 20:05 Shanghai time, ~300 complaints in 20 minutes.
  const outageDay = localParts(NOW - 3 * DAY);
  const OUTAGE_START = zonedToUtc(
    outageDay.y,
    outageDay.m,
    outageDay.d,
    20 * 60 + 5,
    C.ZONE,
  ).getTime();
  for (let i = 0; i < 285; i++) {
    const user = chance(0.4) ? poolUser() : newUser(chance(0.8) ? 'zh' : 'en');
    const lang: C.Locale = user.lang;
    const at = OUTAGE_START + 20 * MIN * rnd() ** 1.5;
    const text = chance(0.75) ? pick(C.OUTAGE_TEXTS[lang]) : corpusText('network_outage', lang);
    const draft: Draft = {
      at,
      label: 'network_outage',
      lang,
      text,
      title: chance(0.2) ? pick(C.TITLES.network_outage[lang]) : null,
      user,
      kind: 'outage',
    };
    drafts.push(draft);
    if (i % 19 === 0)
      drafts.push({
        ...draft,
        at: at + uniform(3, 10) * MIN,
        text: draft.text + C.RESUBMIT_SUFFIX[lang],
      });
  }
  // The ads storm: going on right now.
  for (let i = 0; i < 60; i++) {
    const user = newUser(chance(0.85) ? 'zh' : 'en');
    const at = NOW - 12.5 * MIN + rnd() * (12.5 * MIN - 50_000);
    const text = chance(0.82)
      ? pick(C.STORM_TEXTS[user.lang])
      : corpusText('marketing_abuse', user.lang);
    drafts.push({
      at,
      label: 'marketing_abuse',
      lang: user.lang,
      text,
      title: null,
      user,
      kind: 'storm',
    });
  }
  drafts.sort((a, b) => a.at - b.at);

  // ── 3. Triage, exactly as the worker does it: engine, duplicates ────────────────────────────
  const model = modelFromCorpus();
  const searchText = new SearchText();
  const complaints: SimComplaint[] = [];
  const byUser = new Map<string, SimComplaint[]>();
  const complaintById = new Map<string, SimComplaint>();
  for (const d of drafts) {
    const credentials = newTrackingCredentials();
    const text = triageText(d.title, d.text);
    const result = triage(text, { model, rules: triageRules });
    const earlier = (byUser.get(d.user.id) ?? []).filter(
      (e) => e.createdAt <= d.at && e.createdAt > d.at - 72 * HOUR,
    );
    const match = earlier.find((e) => similarity(text, triageText(e.title, e.description)) >= 0.5);
    const original = match?.duplicateOfId ? complaintById.get(match.duplicateOfId)! : match;
    const locale: C.Locale | null = chance(0.9) ? (d.lang === 'en' ? 'en' : 'zh') : null;
    const c: SimComplaint = {
      id: randomUUID(),
      trackingCode: credentials.trackingCode,
      token: credentials.trackingToken,
      tokenHash: credentials.tokenHash,
      platformUserId: d.user.id,
      contact: d.user.contact,
      title: d.title,
      description: d.text,
      locale,
      occurredAt: !chance(0.35)
        ? null
        : d.kind === 'normal'
          ? d.at - uniform(5 * MIN, 8 * HOUR)
          : d.at - uniform(0, 2 * MIN),
      userCategory: chance(0.3) ? (chance(0.85) ? d.label : 'other') : null,
      status: original ? 'duplicate' : result.needsReview ? 'needs_review' : 'triaged',
      category: result.category,
      priority: result.priority,
      language: result.language,
      triage: { ...result, explanation: { ...result.explanation } },
      triagedAt: Math.min(d.at + uniform(800, 12_000), NOW - 5_000),
      duplicateOfId: original?.id ?? null,
      searchText: searchText.of(d.title, d.text),
      satisfactionRating: null,
      satisfactionComment: null,
      createdAt: d.at,
      incidentId: null,
      label: d.label,
      kind: d.kind,
      replyLocale: locale ?? (result.language === 'en' ? 'en' : 'zh'),
      ticket: null,
    };
    complaints.push(c);
    complaintById.set(c.id, c);
    byUser.set(c.platformUserId, [...(byUser.get(c.platformUserId) ?? []), c]);
  }
  const audits: TimedAudit[] = [];
  let auditSeq = 0;
  const record = (at: number, entry: TimedAudit['entry']) =>
    audits.push({ at, seq: auditSeq++, entry });
  for (const c of complaints) {
    record(c.createdAt, {
      actor: PUBLIC,
      action: 'complaint.received',
      entityType: 'complaint',
      entityId: c.id,
      after: {
        trackingCode: c.trackingCode,
        platformUserId: c.platformUserId,
        userCategory: c.userCategory,
        locale: c.locale,
      },
    });
    record(c.triagedAt, {
      actor: SYSTEM,
      action: 'complaint.triaged',
      entityType: 'complaint',
      entityId: c.id,
      before: { status: 'received' },
      after: {
        status: c.status,
        category: c.category,
        priority: c.priority,
        confidence: c.triage.confidence,
        duplicateOfId: c.duplicateOfId,
      },
    });
  }
  say(`${complaints.length} complaints triaged (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // ── 4. The outage as the spike detector saw it (its pure policy, on these complaints) ──────
  const settings: SpikeSettings = {
    minCount: config.INCIDENT_MIN_COUNT,
    minRatio: config.INCIDENT_MIN_RATIO,
    maxTailProbability: 10 ** -config.INCIDENT_SIGNIFICANCE_DIGITS,
    alpha: 0.3,
    floor: 2,
  };
  const W = config.INCIDENT_WINDOW_MINUTES * MIN;
  const oldest = complaints[0].createdAt;
  const counted = (c: SimComplaint, category: string, at: number) =>
    c.category === category && c.status !== 'duplicate' && c.triagedAt <= at;
  const detectAt = (category: string, at: number) => {
    const start = at - W;
    const inWindow = complaints.filter(
      (c) => c.createdAt > start && c.createdAt <= at && counted(c, category, at),
    );
    const series = Array.from({ length: 24 }, (_, i) => {
      const k = 23 - i;
      return complaints.filter(
        (c) =>
          counted(c, category, at) &&
          c.createdAt <= start - k * W &&
          c.createdAt > start - (k + 1) * W,
      ).length;
    });
    const known = series.slice(Math.max(0, 24 - Math.ceil((start - oldest) / W)));
    const weeks = Math.min(4, Math.floor((start - oldest) / (7 * DAY)));
    const sameHour = Array.from(
      { length: weeks },
      (_, i) =>
        complaints.filter(
          (c) =>
            counted(c, category, at) &&
            c.createdAt > start - (i + 1) * 7 * DAY &&
            c.createdAt <= at - (i + 1) * 7 * DAY,
        ).length,
    );
    const verdict: SpikeVerdict = detectSpike(
      { count: inWindow.length, history: known, sameHourOfWeek: sameHour },
      settings,
    );
    const termCount = (list: SimComplaint[]) => {
      const counts = new Map<string, number>();
      for (const c of list)
        for (const term of new Set(c.searchText.split(' ')))
          if ([...term].length >= 2 && !/^[0-9]+$/.test(term))
            counts.set(term, (counts.get(term) ?? 0) + 1);
      return counts;
    };
    const candidates = [...termCount(inWindow)]
      .filter(([, n]) => n >= settings.minCount)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .filter(([term]) => !STOP_TERMS.has(term))
      .map(([term, count]) => ({ term, count }));
    const windows = known.length;
    const baseline =
      windows === 0
        ? new Map<string, number>()
        : termCount(
            complaints.filter(
              (c) =>
                counted(c, category, at) &&
                c.createdAt > start - W * windows &&
                c.createdAt <= start,
            ),
          );
    const terms = spikingTerms(candidates, baseline, windows === 0 ? 0 : 1 / windows, settings);
    return { verdict, terms, found: verdict.spike || terms.length > 0 };
  };
  let detection: ReturnType<typeof detectAt> | undefined;
  let DETECTED = 0;
  for (const c of complaints) {
    if (c.kind !== 'outage' || c.category !== 'network_outage') continue;
    const at = c.triagedAt + 500; // the detector looks again half a second after triage
    const seen = detectAt('network_outage', at);
    if (seen.found) {
      detection = seen;
      DETECTED = at;
      break;
    }
  }
  if (!detection) throw new Error('the outage spike was not detected: check INCIDENT_* settings');
  const refinedAt = DETECTED + 150_000;
  const refinement = detectAt('network_outage', refinedAt);
  const outageSupervisor = onCall(DETECTED)[0];
  const T = {
    confirmed: DETECTED + 4 * MIN,
    internal: DETECTED + 6 * MIN,
    shifts: DETECTED + 8 * MIN,
    update: DETECTED + 9 * MIN,
    mitigating: DETECTED + 40 * MIN,
    recovering: DETECTED + 95 * MIN,
    resolved: DETECTED + 130 * MIN,
    proposed: DETECTED + 135 * MIN,
    apology: DETECTED + 140 * MIN,
    approved: DETECTED + 160 * MIN,
  };
  const incidentId = randomUUID();
  const planId = randomUUID();
  for (const c of complaints) {
    if (c.category === 'network_outage' && c.createdAt >= DETECTED - W && c.triagedAt <= T.resolved)
      c.incidentId = incidentId;
  }
  const linkedAtDetection = complaints.filter(
    (c) => c.incidentId && c.triagedAt <= DETECTED,
  ).length;

  // Call-in: outage-skilled agents from the other teams take one-off shifts on the outage queue.
  const calledIn = agents
    .filter((a) => a.skills.has('outage') && !onDuty(a, T.shifts, 'outage'))
    .slice(0, 4);
  const oneOffShifts = calledIn.map((a) => {
    const duty: Duty = {
      from: new Date(T.shifts),
      to: new Date(T.shifts + 5 * HOUR),
      queueKeys: ['outage'],
    };
    a.duties.push(duty);
    return { id: randomUUID(), staff: a, duty };
  });
  for (const s of oneOffShifts)
    record(T.shifts, {
      actor: actorOf(outageSupervisor),
      action: 'shift.created',
      entityType: 'shift',
      entityId: s.id,
      after: {
        id: s.id,
        kind: 'one_off',
        staffId: s.staff.id,
        queueKeys: s.duty.queueKeys,
        startsAt: s.duty.from.toISOString(),
        endsAt: s.duty.to.toISOString(),
      },
    });

  // ── 5. Thirty days of the desk at work: a discrete-event run of the ticket lifecycle ────────
  function onDuty(s: Staff, at: number, queueKey?: string): boolean {
    return s.duties.some(
      (d) =>
        d.from.getTime() <= at &&
        d.to.getTime() > at &&
        (queueKey === undefined || d.queueKeys.includes(queueKey)),
    );
  }
  function onCall(at: number): Staff[] {
    const on = supervisors.filter((s) => onDuty(s, at));
    return on.length ? on : supervisors;
  }
  const messages: Message[] = [];
  const notes: Note[] = [];
  const examples: {
    complaint: SimComplaint;
    category: string;
    priority: string;
    by: Staff;
    at: number;
  }[] = [];
  const resolutions: Resolution[] = [];
  const manualRequests: { ticket: SimTicket; at: number; by: Staff }[] = [];
  let messageSeq = 0;
  const post = (m: Omit<Message, 'id' | 'seq'>): Message => {
    const message = { ...m, id: '', seq: messageSeq++ };
    messages.push(message);
    return message;
  };
  // What staff saw already: older notices are read, the last two hours' are not.
  const readAtFor = (at: number) =>
    at > NOW - 2 * HOUR || (at > NOW - 12 * HOUR && chance(0.5))
      ? null
      : Math.min(NOW - MIN, at + uniform(5 * MIN, 8 * HOUR));
  const notify = (ids: (string | null | undefined)[], n: Omit<Note, 'staffId' | 'readAt'>) => {
    for (const staffId of new Set(ids.filter((x): x is string => Boolean(x))))
      notes.push({ ...n, staffId, readAt: readAtFor(n.at) });
  };
  const unstaffedUnreadUntil = new Map<string, number>();
  const queueUnstaffed = (at: number, queueKey: string, ticketId: string) => {
    for (const s of onCall(at)) {
      const key = `${s.id}:${queueKey}`;
      if ((unstaffedUnreadUntil.get(key) ?? 0) > at) continue;
      const readAt = readAtFor(at);
      unstaffedUnreadUntil.set(key, readAt ?? Infinity);
      notes.push({
        staffId: s.id,
        kind: 'queue_unstaffed',
        title: `Tickets are waiting in queue ${queueKey}: nobody on duty has room`,
        ticketId,
        data: { queueKey },
        at,
        readAt,
      });
    }
  };

  const tickets: SimTicket[] = [];
  const waiting = new Set<SimTicket>();
  const openTickets = new Set<SimTicket>();
  const timeline = new Timeline<
    | { at: number; kind: 'arrive'; ticket: SimTicket }
    | { at: number; kind: 'shiftStart' | 'shiftEnd'; staff: Staff; duty: Duty }
    | { at: number; kind: 'step'; ticket: SimTicket; step: Step }
  >();
  const schedule = (ticket: SimTicket, step: Step, at: number) =>
    timeline.push({ at, kind: 'step', ticket, step });

  const durations = (priority: Priority, outage: boolean): Script => {
    const slow = (ms: number, p: number) => (chance(p) ? ms * uniform(2.5, 5) : ms);
    const d1 = outage
      ? uniform(2, 12) * MIN
      : slow(
          { P1: uniform(3, 11), P2: uniform(5, 40), P3: uniform(10, 150), P4: uniform(20, 240) }[
            priority
          ] * MIN,
          0.05,
        );
    const work = () =>
      slow(
        { P1: uniform(0.3, 2.5), P2: uniform(0.5, 6), P3: uniform(1, 10), P4: uniform(1, 12) }[
          priority
        ] * HOUR,
        0.04,
      );
    const asks = !outage && chance(0.22);
    const r = rnd();
    return {
      d1,
      ask: asks,
      userDelay: !asks
        ? null
        : r < 0.75
          ? uniform(10 * MIN, 4 * HOUR)
          : r < 0.92
            ? uniform(4 * HOUR, 16 * HOUR)
            : null,
      d2: outage ? uniform(5, 100) * MIN : work(),
      d2b: work(),
      reopen:
        !outage && chance(0.035)
          ? { after: uniform(6 * HOUR, 6 * DAY), d3: uniform(1, 8) * HOUR }
          : null,
      rate: chance(0.5) ? { after: uniform(5 * MIN, 36 * HOUR) } : null,
      agentClose: chance(0.3) ? uniform(1 * HOUR, 72 * HOUR) : null,
      correct: chance(0.65),
      manual: !outage && chance(0.03),
      note: chance(0.15),
      outageResolveAfter: outage ? T.resolved : null,
    };
  };

  for (const c of complaints) {
    if (c.status === 'duplicate') continue;
    const at = c.triagedAt;
    const targets = slaTargets.get(c.priority)!;
    const due = deadlines(new Date(at), targets);
    const ticket = {
      id: randomUUID(),
      complaintId: c.id,
      queueKey: routeTicket(queues, { category: c.category, priority: c.priority }),
      status: 'new',
      priority: c.priority,
      category: c.category,
      assigneeId: null,
      assignedAt: null,
      slaFirstResponseSeconds: targets.firstResponseSeconds,
      slaResolutionSeconds: targets.resolutionSeconds,
      ...due,
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      pausedAt: null,
      firstResponseWarnedAt: null,
      firstResponseBreachedAt: null,
      resolutionWarnedAt: null,
      resolutionBreachedAt: null,
      breached: false,
      slaNextAt: null,
      escalationLevel: 0,
      reopenCount: 0,
      satisfactionRating: null,
      createdAt: new Date(at),
      updatedAt: new Date(at),
      complaint: c,
      script: durations(c.priority, c.incidentId !== null),
      phase: 'first',
      pending: null,
      resolutions: 0,
    } as SimTicket;
    ticket.slaNextAt = nextWakeUp(clockOf(ticket));
    c.ticket = ticket;
    tickets.push(ticket);
    timeline.push({ at, kind: 'arrive', ticket });
  }
  for (const s of agents)
    for (const duty of s.duties) {
      timeline.push({ at: duty.from.getTime(), kind: 'shiftStart', staff: s, duty });
      timeline.push({ at: duty.to.getTime(), kind: 'shiftEnd', staff: s, duty });
    }

  const candidates = (queueKeysWanted: readonly string[], at: number, except?: string) =>
    agents
      .filter((a) => a.id !== except)
      .map((a) => ({
        a,
        queues: queueKeysWanted.filter((q) => a.skills.has(q) && onDuty(a, at, q)),
      }))
      .filter((x) => x.queues.length > 0)
      .map((x) => ({
        id: x.a.id,
        capacity: x.a.capacity,
        load: x.a.load,
        lastAssignedAt: x.a.lastAssignedAt,
        queueKeys: x.queues,
      }));
  const WAITING: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'awaiting_user'];
  const track = (t: SimTicket, beforeAssignee: string | null, beforeStatus: TicketStatus) => {
    if (beforeAssignee && isOpen(beforeStatus)) byId.get(beforeAssignee)!.load -= 1;
    if (t.assigneeId && isOpen(t.status)) byId.get(t.assigneeId)!.load += 1;
    if (t.assigneeId === null && WAITING.includes(t.status)) waiting.add(t);
    else waiting.delete(t);
    if (isOpen(t.status)) openTickets.add(t);
    else openTickets.delete(t);
  };

  const slaLabel = (e: SlaEvent) =>
    e.clock === 'first_response' ? 'first response' : 'resolution';
  const advanceSla = (t: SimTicket, until: number) => {
    while (t.slaNextAt && t.slaNextAt.getTime() <= until) {
      const at = t.slaNextAt;
      const clock = clockOf(t);
      const events = dueEvents(clock, at);
      if (events.length === 0) {
        const next = slaEventChanges(clock, [], at).slaNextAt;
        if (next?.getTime() === at.getTime()) break;
        t.slaNextAt = next;
        continue;
      }
      const before = { priority: t.priority, escalationLevel: t.escalationLevel };
      const dueFr = t.firstResponseDueAt;
      const dueRes = t.resolutionDueAt;
      Object.assign(t, slaEventChanges(clock, events, at));
      t.updatedAt = at;
      for (const e of events) {
        const ms = at.getTime();
        if (e.stage === 'warning') {
          const n = {
            kind: 'sla_warning',
            title: `SLA warning: ${slaLabel(e)} due ${(e.clock === 'first_response' ? dueFr : dueRes).toISOString()} (${before.priority}, queue ${t.queueKey})`,
            ticketId: t.id,
            data: { clock: e.clock, queueKey: t.queueKey },
            at: ms,
          };
          notify(t.assigneeId ? [t.assigneeId] : onCall(ms).map((s) => s.id), n);
          continue;
        }
        record(ms, {
          actor: SYSTEM,
          action: 'ticket.sla_breached',
          entityType: 'ticket',
          entityId: t.id,
          before,
          after: { clock: e.clock, priority: t.priority, escalationLevel: t.escalationLevel },
        });
        notify([t.assigneeId, ...onCall(ms).map((s) => s.id)], {
          kind: 'sla_breach',
          title: `SLA breached: ${slaLabel(e)} (now ${t.priority}, escalation ${t.escalationLevel}, queue ${t.queueKey})`,
          ticketId: t.id,
          data: { clock: e.clock, queueKey: t.queueKey, escalationLevel: t.escalationLevel },
          at: ms,
        });
      }
    }
  };

  const assign = (
    t: SimTicket,
    assigneeId: string | null,
    actor: Actor,
    how: 'auto' | 'manual' | 'handover',
    at: number,
  ) => {
    const beforeStatus = t.status;
    const beforeAssignee = t.assigneeId;
    t.status = assigneeId
      ? t.status === 'new'
        ? 'assigned'
        : t.status
      : t.status === 'assigned'
        ? 'new'
        : t.status;
    t.assigneeId = assigneeId;
    if (assigneeId) t.assignedAt = new Date(at);
    t.updatedAt = new Date(at);
    track(t, beforeAssignee, beforeStatus);
    if (assigneeId) byId.get(assigneeId)!.lastAssignedAt = new Date(at);
    record(at, {
      actor,
      action: assigneeId ? 'ticket.assigned' : 'ticket.unassigned',
      entityType: 'ticket',
      entityId: t.id,
      before: { assigneeId: beforeAssignee, status: beforeStatus },
      after: { assigneeId, status: t.status, how },
    });
    if (assigneeId)
      notify([assigneeId], {
        kind: how === 'handover' ? 'ticket_handed_over' : 'ticket_assigned',
        title:
          how === 'handover'
            ? `Ticket handed over to you at a shift end (${t.priority}, queue ${t.queueKey})`
            : `New ticket for you (${t.priority}, queue ${t.queueKey})`,
        ticketId: t.id,
        data: { queueKey: t.queueKey, priority: t.priority },
        at,
      });
    if (assigneeId && t.pending) {
      schedule(t, t.pending.step, at + t.pending.delay);
      t.pending = null;
    }
  };

  const distribute = (keys: readonly string[], at: number) => {
    const queued = [...waiting]
      .filter((t) => keys.includes(t.queueKey))
      .sort(
        (a, b) =>
          a.priority.localeCompare(b.priority) || a.createdAt.getTime() - b.createdAt.getTime(),
      )
      .slice(0, 200);
    if (queued.length === 0) return;
    const plan = planAssignments(queued, candidates(keys, at), new Date(at), (t, c) =>
      c.queueKeys.includes(t.queueKey),
    );
    for (const { ticket, assigneeId } of plan) {
      advanceSla(ticket, at);
      assign(ticket, assigneeId, SYSTEM, 'auto', at);
    }
  };

  const transition = (
    t: SimTicket,
    to: TicketStatus,
    actor: Actor,
    at: number,
    reason?: string,
  ) => {
    advanceSla(t, at);
    const beforeStatus = t.status;
    Object.assign(t, statusChanges(clockOf(t), to, new Date(at)));
    t.updatedAt = new Date(at);
    track(t, t.assigneeId, beforeStatus);
    record(at, {
      actor,
      action:
        beforeStatus === 'resolved' && to === 'in_progress'
          ? 'ticket.reopened'
          : 'ticket.transitioned',
      entityType: 'ticket',
      entityId: t.id,
      before: { status: beforeStatus },
      after: reason ? { status: to, reason } : { status: to },
    });
    if (isOpen(beforeStatus) && !isOpen(to)) distribute([t.queueKey], at);
  };

  const agentMessage = (
    t: SimTicket,
    by: Staff,
    at: number,
    body: string,
    visibility: 'public' | 'internal',
    cannedKey: string | null,
  ) => {
    advanceSla(t, at);
    const m = post({
      complaintId: t.complaintId,
      authorKind: 'agent',
      authorId: by.id,
      visibility,
      body,
      dedupeKey: null,
      at,
    });
    if (visibility === 'public' && !t.firstRespondedAt) {
      t.firstRespondedAt = new Date(at);
      t.slaNextAt = nextWakeUp(clockOf(t));
    }
    t.updatedAt = new Date(at);
    record(at, () => ({
      actor: actorOf(by),
      action: 'ticket.message_posted',
      entityType: 'ticket',
      entityId: t.id,
      after: { messageId: m.id, visibility, cannedKey },
    }));
  };

  const userMessage = (t: SimTicket, at: number, body: string) => {
    const m = post({
      complaintId: t.complaintId,
      authorKind: 'user',
      authorId: null,
      visibility: 'public',
      body,
      dedupeKey: null,
      at,
    });
    record(at, () => ({
      actor: PUBLIC,
      action: 'complaint.user_replied',
      entityType: 'complaint',
      entityId: t.complaintId,
      after: { messageId: m.id },
    }));
  };

  const correct = (t: SimTicket, by: Staff, at: number) => {
    const c = t.complaint;
    const category = c.label;
    const priority = category === c.category ? c.priority : DEFAULT_PRIORITY[category];
    const before = { category: c.category, priority: c.priority, status: c.status };
    c.status = 'triaged';
    const changed = category !== c.category || priority !== c.priority;
    c.category = category;
    c.priority = priority;
    examples.push({ complaint: c, category, priority, by, at });
    record(at, {
      actor: actorOf(by),
      action: 'complaint.triage_corrected',
      entityType: 'complaint',
      entityId: c.id,
      before,
      after: {
        category,
        priority,
        status: 'triaged',
        reason: pick(C.CORRECTION_REASONS[c.replyLocale]),
      },
    });
    if (!changed) return;
    record(at, {
      actor: SYSTEM,
      action: 'ticket.recategorized',
      entityType: 'ticket',
      entityId: t.id,
      before: { category: t.category, priority: t.priority, queueKey: t.queueKey },
      after: { category, priority, queueKey: t.queueKey },
    });
    t.category = category;
    t.priority = priority;
  };

  const owner = (t: SimTicket) => (t.assigneeId ? byId.get(t.assigneeId)! : null);
  const someoneOnDuty = (t: SimTicket, at: number) => {
    const o = owner(t);
    if (o && onDuty(o, at, t.queueKey)) return o;
    const c = candidates([t.queueKey], at)[0];
    return c ? byId.get(c.id)! : o;
  };

  const arrive = (t: SimTicket, at: number) => {
    record(at, {
      actor: SYSTEM,
      action: 'ticket.opened',
      entityType: 'ticket',
      entityId: t.id,
      after: {
        complaintId: t.complaintId,
        queueKey: t.queueKey,
        priority: t.priority,
        category: t.category,
        firstResponseDueAt: t.firstResponseDueAt,
        resolutionDueAt: t.resolutionDueAt,
      },
    });
    track(t, null, 'new');
    const chosen = pickAssignee(candidates([t.queueKey], at));
    if (chosen) {
      assign(t, chosen.id, SYSTEM, 'auto', at);
      schedule(t, 'firstReply', at + t.script.d1);
    } else {
      t.pending = { step: 'firstReply', delay: Math.min(t.script.d1, 20 * MIN) };
      queueUnstaffed(at, t.queueKey, t.id);
    }
  };

  const firstReply = (t: SimTicket, at: number) => {
    const by = owner(t)!;
    const c = t.complaint;
    const locale = c.replyLocale;
    if (c.status === 'needs_review' && t.script.correct) correct(t, by, at - 90_000);
    if (t.status === 'assigned') transition(t, 'in_progress', actorOf(by), at - 40_000);
    if (t.script.outageResolveAfter !== null) {
      agentMessage(
        t,
        by,
        at,
        canned('outage_ack', locale, { trackingCode: c.trackingCode }),
        'public',
        'outage_ack',
      );
    } else if (t.script.ask) {
      const details = pick(C.ASK_DETAILS[c.category][locale]);
      agentMessage(t, by, at, canned('ask_details', locale, { details }), 'public', 'ask_details');
    } else {
      agentMessage(
        t,
        by,
        at,
        canned('apology_general', locale, { trackingCode: c.trackingCode }),
        'public',
        'apology_general',
      );
    }
    if (t.script.note)
      agentMessage(
        t,
        by,
        at + uniform(1, 10) * MIN,
        pick(C.INTERNAL_NOTES[locale]),
        'internal',
        null,
      );
    if (t.script.ask) {
      transition(t, 'awaiting_user', actorOf(by), at + 20_000);
      t.phase = 'waitUser';
      if (t.script.userDelay !== null) schedule(t, 'userReply', at + t.script.userDelay);
      else schedule(t, 'resolve', at + uniform(24, 36) * HOUR);
      return;
    }
    t.phase = 'work';
    const outageAt = t.script.outageResolveAfter;
    schedule(
      t,
      'resolve',
      outageAt !== null ? Math.max(at + 10 * MIN, outageAt + t.script.d2) : at + t.script.d2,
    );
  };

  const userReply = (t: SimTicket, at: number) => {
    const c = t.complaint;
    userMessage(t, at, pick(C.USER_ANSWERS[c.category][c.replyLocale]));
    if (t.status === 'awaiting_user') {
      transition(t, 'in_progress', PUBLIC, at, 'user replied');
      notify([t.assigneeId], {
        kind: 'ticket_reopened',
        title: 'The user replied: back to work',
        ticketId: t.id,
        data: {},
        at,
      });
    }
    t.phase = 'work';
    schedule(t, 'resolve', at + t.script.d2b);
  };

  const resolve = (t: SimTicket, at: number) => {
    const by = owner(t)!;
    const c = t.complaint;
    const locale = c.replyLocale;
    if (t.status === 'assigned') transition(t, 'in_progress', actorOf(by), at - 30_000);
    if (t.script.outageResolveAfter !== null) {
      const time = localParts(T.resolved).hhmm;
      agentMessage(
        t,
        by,
        at,
        canned('outage_resolved', locale, {
          time,
          compensation: compensationInWords({ memberDays: 7, qCoins: 0 }, locale),
        }),
        'public',
        'outage_resolved',
      );
    } else if (t.reopenCount > 0) {
      const body = canned('resolved', locale, { trackingCode: c.trackingCode });
      agentMessage(t, by, at, body, 'public', 'resolved');
    } else {
      agentMessage(t, by, at, pick(C.RESOLUTIONS[c.category][locale]), 'public', null);
    }
    if (t.script.manual && t.resolutions === 0)
      manualRequests.push({ ticket: t, at: at + 5_000, by });
    transition(t, 'resolved', actorOf(by), at + 15_000);
    t.phase = 'done';
    t.resolutions += 1;
    resolutions.push({ ticket: t, at: at + 17_000, breached: t.breached, by });
    if (t.script.reopen && t.reopenCount === 0) {
      schedule(t, 'reopen', at + 15_000 + t.script.reopen.after);
      return;
    }
    if (t.script.rate) schedule(t, 'rate', at + t.script.rate.after);
    schedule(
      t,
      t.script.agentClose !== null ? 'agentClose' : 'autoClose',
      t.script.agentClose !== null
        ? at + t.script.agentClose
        : at + 15_000 + REOPEN_WINDOW_DAYS * DAY + uniform(0, 30_000),
    );
  };

  const reopen = (t: SimTicket, at: number) => {
    if (t.status !== 'resolved') return;
    const c = t.complaint;
    userMessage(t, at, pick(C.REOPEN_TEXTS[c.replyLocale]));
    if (afterUserReply(t, new Date(at), REOPEN_WINDOW_DAYS) !== 'in_progress') return;
    transition(t, 'in_progress', PUBLIC, at, 'user replied');
    notify([t.assigneeId], {
      kind: 'ticket_reopened',
      title: 'The user replied: ticket reopened',
      ticketId: t.id,
      data: {},
      at,
    });
    // The owner may be off duty by now: the on-call supervisor hands it to someone who is.
    const o = owner(t);
    if (o && !onDuty(o, at, t.queueKey)) {
      const to = pickAssignee(candidates([t.queueKey], at, o.id));
      if (to) assign(t, to.id, actorOf(onCall(at)[0]), 'manual', at + 2 * MIN);
    }
    t.phase = 'work';
    schedule(t, 'resolve', at + t.script.reopen!.d3);
  };

  const rate = (t: SimTicket, at: number) => {
    const c = t.complaint;
    if ((t.status !== 'resolved' && t.status !== 'closed') || c.satisfactionRating !== null) return;
    const rating = t.breached
      ? weighted([
          [5, 15],
          [4, 20],
          [3, 25],
          [2, 20],
          [1, 20],
        ] as const)
      : weighted([
          [5, 48],
          [4, 30],
          [3, 11],
          [2, 6],
          [1, 5],
        ] as const);
    c.satisfactionRating = rating;
    c.satisfactionComment = chance(0.4)
      ? pick(C.RATING_COMMENTS[rating >= 4 ? 'good' : 'bad'][c.replyLocale])
      : null;
    t.satisfactionRating = rating;
    t.updatedAt = new Date(at);
    record(at, {
      actor: PUBLIC,
      action: 'complaint.rated',
      entityType: 'complaint',
      entityId: c.id,
      after: { rating },
    });
  };

  const close = (t: SimTicket, at: number, auto: boolean) => {
    if (t.status !== 'resolved') return;
    if (auto && t.resolvedAt!.getTime() > at - REOPEN_WINDOW_DAYS * DAY) return;
    const by = auto ? null : someoneOnDuty(t, at);
    transition(t, 'closed', by ? actorOf(by) : SYSTEM, at);
  };

  const shiftEnd = (s: Staff, at: number) => {
    const stillOn = new Set(
      s.duties
        .filter((d) => d.from.getTime() <= at && d.to.getTime() > at)
        .flatMap((d) => d.queueKeys),
    );
    const leaving = [...openTickets]
      .filter((t) => t.assigneeId === s.id && !stillOn.has(t.queueKey))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    if (leaving.length === 0) return;
    const keys = [...new Set(leaving.map((t) => t.queueKey))];
    const plan = planAssignments(leaving, candidates(keys, at, s.id), new Date(at), (t, c) =>
      c.queueKeys.includes(t.queueKey),
    );
    const planned = new Map(plan.map((p) => [p.ticket.id, p.assigneeId]));
    for (const t of leaving) {
      advanceSla(t, at);
      const to = planned.get(t.id) ?? null;
      assign(t, to, SYSTEM, 'handover', at);
      post({
        complaintId: t.complaintId,
        authorKind: 'system',
        authorId: null,
        visibility: 'internal',
        body: to
          ? `Handed over at the end of ${s.name}'s shift.`
          : `${s.name}'s shift ended and nobody on duty could take this ticket; it waits in queue ${t.queueKey}.`,
        dedupeKey: null,
        at,
      });
      if (!to) queueUnstaffed(at, t.queueKey, t.id);
    }
  };

  for (let event = timeline.pop(); event && event.at <= NOW; event = timeline.pop()) {
    const at = event.at;
    if (event.kind === 'arrive') arrive(event.ticket, at);
    else if (event.kind === 'shiftStart') distribute(event.duty.queueKeys, at);
    else if (event.kind === 'shiftEnd') shiftEnd(event.staff, at);
    else if (event.kind === 'step') {
      const t = event.ticket;
      advanceSla(t, at);
      if (AGENT_STEPS.includes(event.step) && !t.assigneeId) {
        t.pending = { step: event.step, delay: uniform(3, 20) * MIN };
        continue;
      }
      switch (event.step) {
        case 'firstReply':
          if (t.phase === 'first') firstReply(t, at);
          break;
        case 'userReply':
          if (t.phase === 'waitUser') userReply(t, at);
          break;
        case 'resolve':
          if (t.phase === 'work' || t.phase === 'waitUser') resolve(t, at);
          break;
        case 'reopen':
          reopen(t, at);
          break;
        case 'rate':
          rate(t, at);
          break;
        case 'agentClose':
          close(t, at, false);
          break;
        case 'autoClose':
          close(t, at, true);
          break;
      }
    }
  }
  for (const t of tickets) advanceSla(t, NOW);
  say(
    `${tickets.length} tickets worked through 30 days (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  // ── 6. Compensation: rules on every resolution, agents' proposals, approvals ────────────────
  const policy = policyRow.policy;
  const comps: SimComp[] = [];
  const GIVEN_AT = (c: SimComp, at: number) =>
    c.createdAt <= at &&
    c.outcome !== 'rejected' &&
    !(c.outcome === 'expired' && c.doneAt !== null && c.doneAt <= at);
  const approverAt = (at: number, wants: 'supervisor' | 'finance') =>
    wants === 'finance' ? pick(finance) : pick(onCall(at));
  const ruleEvents = resolutions.map((r) => ({ kind: 'rules' as const, at: r.at, r }));
  const manualEvents = manualRequests.map((m) => ({ kind: 'manual' as const, at: m.at, m }));
  const special = {
    dual: resolutions.find(
      (r) =>
        r.ticket.category === 'account_security' && r.at < NOW - 6 * DAY && r.at > NOW - 20 * DAY,
    ),
    rejected: resolutions.find(
      (r) =>
        r.ticket.category === 'service_attitude' && r.at < NOW - 4 * DAY && r.at > NOW - 15 * DAY,
    ),
    expired: resolutions.find(
      (r) => r.ticket.category === 'billing' && r.at < NOW - 12 * DAY && r.at > NOW - 20 * DAY,
    ),
  };
  const proposalEvents = [
    ...ruleEvents,
    ...manualEvents,
    ...(special.dual
      ? [
          {
            kind: 'special' as const,
            at: special.dual.at + 20 * MIN,
            r: special.dual,
            what: 'dual' as const,
          },
        ]
      : []),
    ...(special.rejected
      ? [
          {
            kind: 'special' as const,
            at: special.rejected.at + 10 * MIN,
            r: special.rejected,
            what: 'rejected' as const,
          },
        ]
      : []),
    ...(special.expired
      ? [
          {
            kind: 'special' as const,
            at: special.expired.at + 15 * MIN,
            r: special.expired,
            what: 'expired' as const,
          },
        ]
      : []),
  ].sort((a, b) => a.at - b.at);
  const ruleUsed = new Set<string>();
  const decide = (comp: SimComp) => {
    const at = comp.createdAt;
    if (comp.tier === 'auto') {
      comp.outcome = 'granted';
      comp.doneAt = at;
      return;
    }
    const first = approverAt(at, comp.tier === 'single' && chance(0.5) ? 'finance' : 'supervisor');
    const firstAt = at + uniform(15 * MIN, 5 * HOUR);
    if (firstAt > NOW) return;
    comp.approvals.push({
      by: first,
      at: firstAt,
      note: chance(0.5) ? '核实无误 / checked' : null,
    });
    if (comp.tier === 'single') {
      comp.outcome = 'granted';
      comp.doneAt = firstAt;
      return;
    }
    const secondAt = firstAt + uniform(1 * HOUR, 20 * HOUR);
    if (secondAt > NOW) return;
    comp.approvals.push({ by: approverAt(secondAt, 'finance'), at: secondAt, note: 'Finance OK' });
    comp.outcome = 'granted';
    comp.doneAt = secondAt;
  };
  for (const e of proposalEvents) {
    const ticket = e.kind === 'manual' ? e.m.ticket : e.r.ticket;
    const c = ticket.complaint;
    const base = {
      id: randomUUID(),
      complaint: c,
      createdAt: e.at,
      approvals: [],
      outcome: 'pending' as SimComp['outcome'],
      doneAt: null,
      rejectedBy: null,
      rejectReason: null,
    };
    if (e.kind === 'rules') {
      const mine = comps.filter(
        (x) =>
          x.complaint.platformUserId === c.platformUserId &&
          GIVEN_AT(x, e.at) &&
          x.createdAt > e.at - 30 * DAY,
      );
      const facts = {
        category: c.category,
        priority: c.priority,
        slaBreached: e.r.breached,
        incidentLinked: c.incidentId !== null,
        grantsLast30Days: mine.length,
      };
      for (const rule of rulesAt(e.at)) {
        if (ruleUsed.has(`${rule.id}:${c.id}`) || !ruleMatches(rule, facts)) continue;
        const used = mine
          .filter((x) => x.rule?.id === rule.id)
          .reduce(
            (s, x) => ({ memberDays: s.memberDays + x.memberDays, qCoins: s.qCoins + x.qCoins }),
            { memberDays: 0, qCoins: 0 },
          );
        const amounts = cappedOutcome(rule, used);
        if (!amounts) continue;
        ruleUsed.add(`${rule.id}:${c.id}`);
        const comp: SimComp = {
          ...base,
          id: randomUUID(),
          ...amounts,
          reason: `Rule "${rule.name}" (v${rule.version})`,
          source: 'rule',
          rule,
          tier: requiredTier(policy, amounts),
          proposedBy: null,
        };
        decide(comp);
        comps.push(comp);
      }
      continue;
    }
    if (e.kind === 'manual') {
      const options = C.MANUAL_GRANTS[c.category];
      if (!options) continue;
      const grant = pick(options);
      const comp: SimComp = {
        ...base,
        ...grant,
        source: 'manual',
        rule: null,
        tier: requiredTier(policy, grant),
        proposedBy: e.m.by,
      };
      decide(comp);
      comps.push(comp);
      continue;
    }
    const by = e.r.by;
    if (e.what === 'dual') {
      const amounts = { memberDays: 60, qCoins: 2000 };
      const comp: SimComp = {
        ...base,
        ...amounts,
        reason:
          '账号被盗后 Q币被盗刷 2000，全额返还并补偿会员 / 2,000 Q-coins stolen after an account takeover: restored, with goodwill days',
        source: 'manual',
        rule: null,
        tier: requiredTier(policy, amounts),
        proposedBy: by,
      };
      decide(comp);
      comps.push(comp);
    } else if (e.what === 'rejected') {
      const rejecter = finance[0];
      comps.push({
        ...base,
        memberDays: 30,
        qCoins: 0,
        reason: '用户要求补偿一个月会员 / the user asks for a month of membership',
        source: 'manual',
        rule: null,
        tier: requiredTier(policy, { memberDays: 30, qCoins: 0 }),
        proposedBy: by,
        outcome: 'rejected',
        doneAt: e.at + 3 * HOUR,
        rejectedBy: rejecter,
        rejectReason: '超出客服致歉的补偿标准 / beyond what the desk gives for an apology',
      });
    } else {
      comps.push({
        ...base,
        memberDays: 0,
        qCoins: 600,
        reason:
          '自动续费重复扣款 6 个月，折算 Q币返还 / six months of double auto-renewal, returned as Q-coins',
        source: 'manual',
        rule: null,
        tier: requiredTier(policy, { memberDays: 0, qCoins: 600 }),
        proposedBy: by,
        outcome: 'expired',
        doneAt: e.at + config.COMPENSATION_PROPOSAL_TTL_HOURS * HOUR,
      });
    }
  }
  // Pending proposals past their time were closed by the worker's sweep.
  for (const comp of comps)
    if (
      comp.outcome === 'pending' &&
      comp.createdAt + config.COMPENSATION_PROPOSAL_TTL_HOURS * HOUR <= NOW
    ) {
      comp.outcome = 'expired';
      comp.doneAt = comp.createdAt + config.COMPENSATION_PROPOSAL_TTL_HOURS * HOUR;
      comp.approvals = comp.approvals.filter((a) => a.at <= comp.doneAt!);
    }

  // ── 7. Write the history ────────────────────────────────────────────────────────────────────
  // Incident statements of the outage, and their replies on every complaint linked by then.
  const statements: {
    id: string;
    kind: string;
    locale: C.Locale;
    title: string;
    body: string;
    at: number;
  }[] = [];
  const statement = (
    kind: string,
    locale: C.Locale,
    text: { title: string; body: string },
    at: number,
  ) => statements.push({ id: randomUUID(), kind, locale, ...text, at });
  statement('internal_notice', 'zh', C.OUTAGE.internal.zh, T.internal);
  statement('internal_notice', 'en', C.OUTAGE.internal.en, T.internal + 30_000);
  statement('status_update', 'zh', C.OUTAGE.update.zh, T.update);
  statement('status_update', 'en', C.OUTAGE.update.en, T.update + 20_000);
  statement('status_update', 'zh', C.OUTAGE.recovering.zh, T.recovering);
  statement('status_update', 'en', C.OUTAGE.recovering.en, T.recovering + 20_000);
  statement('public_apology', 'zh', C.OUTAGE.apology.zh, T.apology);
  statement('public_apology', 'en', C.OUTAGE.apology.en, T.apology + 30_000);
  for (const s of statements) {
    if (s.kind === 'internal_notice') continue;
    for (const c of complaints)
      if (c.incidentId === incidentId && c.triagedAt <= s.at)
        post({
          complaintId: c.id,
          authorKind: 'agent',
          authorId: null,
          visibility: 'public',
          body: `${s.title}\n\n${s.body}`,
          dedupeKey: `statement:${s.id}:${c.id}`,
          at: s.at + uniform(1_000, 20_000),
        });
  }
  notify(
    onCall(DETECTED).map((s) => s.id),
    {
      kind: 'incident_detected',
      title:
        `${severityOf(detection.verdict.count, detection.verdict.ratio, 'network_outage')} incident detected: ${autoTitle(
          'network_outage',
          detection.terms.map((t) => t.term),
        )} (${detection.verdict.count} complaints in ${config.INCIDENT_WINDOW_MINUTES} min)`.slice(
          0,
          200,
        ),
      ticketId: null,
      data: { incidentId, category: 'network_outage' },
      at: DETECTED,
    },
  );

  messages.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const [{ next }] = (await db.query(
    "SELECT nextval('complaint_messages_id_seq')::bigint AS next",
  )) as { next: string }[];
  messages.forEach((m, i) => (m.id = String(BigInt(next) + BigInt(i))));
  const terms = detection.terms.map((t) => t.term);
  const mergedTerms = [...new Set([...terms, ...refinement.terms.map((t) => t.term)])].slice(0, 8);
  const detectedSeverity = severityOf(
    detection.verdict.count,
    detection.verdict.ratio,
    'network_outage',
  );

  await transactions.run(async (tx) => {
    await tx.query(
      `INSERT INTO incidents (id, title, category, status, severity, source, terms, detection, created_by,
                              opened_at, resolved_at, updated_at)
       VALUES ($1, $2, 'network_outage', 'resolved', 'SEV1', 'detector', $3, $4, NULL, $5, $6, $6)`,
      [
        incidentId,
        C.OUTAGE.title,
        mergedTerms,
        JSON.stringify({
          ...(refinement.found ? refinement.verdict : detection.verdict),
          windowMinutes: config.INCIDENT_WINDOW_MINUTES,
          terms: refinement.found ? refinement.terms : detection.terms,
          at: iso(refinement.found ? refinedAt : DETECTED),
        }),
        iso(DETECTED),
        iso(T.resolved),
      ],
    );
    await bulkInsert(
      tx,
      'incident_statements',
      'id:uuid incident_id:uuid kind locale title body published_by:uuid published_at:timestamptz',
      statements.map((s) => [
        s.id,
        incidentId,
        s.kind,
        s.locale,
        s.title,
        s.body,
        outageSupervisor.id,
        iso(s.at),
      ]),
    );
    await tx.query(
      `INSERT INTO incident_plans (id, incident_id, member_days, q_coins, status, proposed_by, approved_by,
                                   approved_at, completed_at, created_at, updated_at)
       VALUES ($1, $2, 7, 0, 'completed', $3, $4, $5, $6, $7, $6)`,
      [
        planId,
        incidentId,
        outageSupervisor.id,
        finance[0].id,
        iso(T.approved),
        iso(T.approved + 4_000),
        iso(T.proposed),
      ],
    );
    for (const s of oneOffShifts)
      await tx.query(
        `INSERT INTO shifts (id, staff_id, queue_keys, starts_at, ends_at, start_handled_at, end_handled_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $4, $5, $6)`,
        [s.id, s.staff.id, s.duty.queueKeys, iso(s.duty.from), iso(s.duty.to), iso(T.shifts)],
      );
    await bulkInsert(
      tx,
      'complaints',
      'id:uuid tracking_code tracking_token_hash platform_user_id contact title description locale occurred_at:timestamptz user_category status category priority language triage:jsonb triaged_at:timestamptz duplicate_of_id:uuid search_text satisfaction_rating:smallint satisfaction_comment created_at:timestamptz incident_id:uuid',
      complaints.map((c) => [
        c.id,
        c.trackingCode,
        c.tokenHash,
        c.platformUserId,
        c.contact,
        c.title,
        c.description,
        c.locale,
        iso(c.occurredAt),
        c.userCategory,
        c.status,
        c.category,
        c.priority,
        c.language,
        JSON.stringify(c.triage),
        iso(c.triagedAt),
        c.duplicateOfId,
        c.searchText,
        c.satisfactionRating,
        c.satisfactionComment,
        iso(c.createdAt),
        c.incidentId,
      ]),
    );
    await bulkInsert(
      tx,
      'tickets',
      'id:uuid complaint_id:uuid queue_key status priority category assignee_id:uuid assigned_at:timestamptz sla_first_response_seconds:int sla_resolution_seconds:int first_response_due_at:timestamptz resolution_due_at:timestamptz first_responded_at:timestamptz resolved_at:timestamptz closed_at:timestamptz paused_at:timestamptz first_response_warned_at:timestamptz first_response_breached_at:timestamptz resolution_warned_at:timestamptz resolution_breached_at:timestamptz breached:bool sla_next_at:timestamptz escalation_level:int reopen_count:int satisfaction_rating:smallint created_at:timestamptz updated_at:timestamptz',
      tickets.map((t) => [
        t.id,
        t.complaintId,
        t.queueKey,
        t.status,
        t.priority,
        t.category,
        t.assigneeId,
        iso(t.assignedAt),
        t.slaFirstResponseSeconds,
        t.slaResolutionSeconds,
        iso(t.firstResponseDueAt),
        iso(t.resolutionDueAt),
        iso(t.firstRespondedAt),
        iso(t.resolvedAt),
        iso(t.closedAt),
        iso(t.pausedAt),
        iso(t.firstResponseWarnedAt),
        iso(t.firstResponseBreachedAt),
        iso(t.resolutionWarnedAt),
        iso(t.resolutionBreachedAt),
        t.breached,
        iso(t.slaNextAt),
        t.escalationLevel,
        t.reopenCount,
        t.satisfactionRating,
        iso(t.createdAt),
        iso(t.updatedAt),
      ]),
    );
    await bulkInsert(
      tx,
      'complaint_messages',
      'id:bigint complaint_id:uuid author_kind author_id:uuid visibility body dedupe_key created_at:timestamptz',
      messages.map((m) => [
        m.id,
        m.complaintId,
        m.authorKind,
        m.authorId,
        m.visibility,
        m.body,
        m.dedupeKey,
        iso(m.at),
      ]),
    );
    await tx.query("SELECT setval('complaint_messages_id_seq', $1)", [
      String(BigInt(next) + BigInt(Math.max(messages.length, 1)) - 1n),
    ]);
    notes.sort((a, b) => a.at - b.at);
    await bulkInsert(
      tx,
      'notifications',
      'staff_id:uuid kind title ticket_id:uuid data:jsonb created_at:timestamptz read_at:timestamptz',
      notes.map((n) => [
        n.staffId,
        n.kind,
        n.title.slice(0, 200),
        n.ticketId,
        JSON.stringify(n.data),
        iso(n.at),
        iso(n.readAt),
      ]),
    );
    await bulkInsert(
      tx,
      'triage_examples',
      'text category priority complaint_id:uuid created_by:uuid created_at:timestamptz',
      examples.map((e) => [
        triageText(e.complaint.title, e.complaint.description),
        e.category,
        e.priority,
        e.complaint.id,
        e.by.id,
        iso(e.at),
      ]),
    );
  });
  say(
    `history written: ${messages.length} messages, ${notes.length} notifications (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  // The audit trail of that history, in the order it happened (records are dated by PostgreSQL:
  // the time of this seed; what happened when is in the records' subjects).
  audits.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (let i = 0; i < audits.length; i += 2000) {
    const chunk = audits
      .slice(i, i + 2000)
      .map((a) => (typeof a.entry === 'function' ? a.entry() : a.entry));
    await transactions.run((tx) => audit.appendMany(tx, chunk));
  }
  say(`${audits.length} audit records appended (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // Grants through the ledger, dated when they were approved; each step audited like the real flow.
  const viaLedger = config.FULFILMENT_PROVIDER === 'ledger';
  const outbox = get(Outbox);
  comps.sort((a, b) => a.createdAt - b.createdAt);
  const compRows: unknown[][] = [];
  const approvalRows: unknown[][] = [];
  const grant = async (tx: Tx, comp: SimComp, actor: Actor, at: number) => {
    const key = `compensation:${comp.id}`;
    const { transfer } = await ledger.post(
      tx,
      {
        idempotencyKey: key,
        kind: 'grant',
        legs: grantLegs({
          platformUserId: comp.complaint.platformUserId,
          memberDays: BigInt(comp.memberDays),
          qCoins: BigInt(comp.qCoins),
          shardKey: key,
        }),
        effectiveAt: new Date(at),
        reference: {
          compensationId: comp.id,
          platformUserId: comp.complaint.platformUserId,
          category: comp.complaint.category,
          ruleId: comp.rule?.id,
          ruleVersion: comp.rule?.version,
          incidentId: comp.source === 'rule' ? (comp.complaint.incidentId ?? undefined) : undefined,
        },
      },
      actor,
    );
    if (!viaLedger)
      await outbox.add(tx, {
        queue: QueueName.Compensation,
        job: JobName.FulfilCompensation,
        payload: { compensationId: comp.id },
        jobKey: `fulfil:${comp.id}:0`,
      });
    await audit.append(tx, {
      actor,
      action: 'compensation.posted',
      entityType: 'compensation',
      entityId: comp.id,
      before: { status: comp.tier === 'auto' ? 'pending' : 'approved' },
      after: {
        status: viaLedger ? 'fulfilled' : 'posted',
        transferId: transfer.id,
        policyVersion: policyRow.version,
        provider: config.FULFILMENT_PROVIDER,
      },
    });
    return transfer.id;
  };
  for (let i = 0; i < comps.length; i += 100) {
    await transactions.run(async (tx) => {
      for (const comp of comps.slice(i, i + 100)) {
        const proposer: Actor = comp.proposedBy ? actorOf(comp.proposedBy) : SYSTEM;
        await audit.append(tx, {
          actor: proposer,
          action: 'compensation.proposed',
          entityType: 'compensation',
          entityId: comp.id,
          after: {
            complaintId: comp.complaint.id,
            memberDays: comp.memberDays,
            qCoins: comp.qCoins,
            source: comp.source,
            ruleId: comp.rule?.id ?? null,
            ruleVersion: comp.rule?.version ?? null,
            requiredTier: comp.tier,
            policyVersion: policyRow.version,
          },
        });
        let transferId: string | null = null;
        if (comp.tier === 'auto') {
          await audit.append(tx, {
            actor: proposer,
            action: 'compensation.approved',
            entityType: 'compensation',
            entityId: comp.id,
            after: { by: 'policy', policyVersion: policyRow.version },
          });
          transferId = await grant(tx, comp, proposer, comp.createdAt);
        } else {
          const given: Staff[] = [];
          for (const a of comp.approvals) {
            given.push(a.by);
            const complete =
              comp.outcome === 'granted' && a === comp.approvals[comp.approvals.length - 1];
            approvalRows.push([comp.id, a.by.id, a.by.roles, a.note, policyRow.version, iso(a.at)]);
            await audit.append(tx, {
              actor: actorOf(a.by),
              action: 'compensation.approved',
              entityType: 'compensation',
              entityId: comp.id,
              after: {
                roles: a.by.roles,
                note: a.note,
                tier: comp.tier,
                complete,
                policyVersion: policyRow.version,
              },
            });
            if (complete) transferId = await grant(tx, comp, actorOf(a.by), a.at);
          }
        }
        if (comp.outcome === 'rejected')
          await audit.append(tx, {
            actor: actorOf(comp.rejectedBy!),
            action: 'compensation.rejected',
            entityType: 'compensation',
            entityId: comp.id,
            before: { status: 'pending' },
            after: {
              status: 'rejected',
              reason: comp.rejectReason,
              policyVersion: policyRow.version,
            },
          });
        if (comp.outcome === 'expired')
          await audit.append(tx, {
            actor: SYSTEM,
            action: 'compensation.expired',
            entityType: 'compensation',
            entityId: comp.id,
            before: { status: 'pending' },
            after: { status: 'expired', policyVersion: policyRow.version },
          });
        const status =
          comp.outcome === 'granted' ? (viaLedger ? 'fulfilled' : 'posted') : comp.outcome;
        compRows.push([
          comp.id,
          comp.complaint.id,
          comp.complaint.platformUserId,
          comp.complaint.category,
          String(comp.memberDays),
          String(comp.qCoins),
          comp.reason,
          comp.source,
          comp.rule?.id ?? null,
          comp.rule?.version ?? null,
          comp.source === 'rule' ? comp.complaint.incidentId : null,
          status,
          comp.tier,
          policyRow.version,
          comp.proposedBy?.id ?? null,
          iso(comp.createdAt + config.COMPENSATION_PROPOSAL_TTL_HOURS * HOUR),
          comp.source === 'rule' ? `rule:${comp.rule!.id}:${comp.complaint.id}` : null,
          transferId,
          comp.outcome === 'granted' ? iso(comp.doneAt) : null,
          comp.outcome === 'granted' && viaLedger ? iso(comp.doneAt) : null,
          comp.outcome === 'rejected' || comp.outcome === 'expired' ? iso(comp.doneAt) : null,
          comp.rejectedBy?.id ?? null,
          comp.rejectReason,
          iso(comp.createdAt),
          iso(comp.doneAt ?? comp.createdAt),
        ]);
      }
    });
  }
  await transactions.run(async (tx) => {
    await bulkInsert(
      tx,
      'compensations',
      'id:uuid complaint_id:uuid platform_user_id category member_days:bigint q_coins:bigint reason source rule_id:uuid rule_version:int incident_id:uuid status required_tier policy_version:int proposed_by:uuid expires_at:timestamptz dedupe_key transfer_id:bigint posted_at:timestamptz fulfilled_at:timestamptz closed_at:timestamptz rejected_by:uuid reject_reason created_at:timestamptz updated_at:timestamptz',
      compRows,
    );
    for (const row of approvalRows)
      await tx.query(
        `INSERT INTO compensation_approvals (compensation_id, approver_id, roles, note, policy_version, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        row,
      );
  });
  say(
    `${comps.length} compensations decided, grants posted to the ledger (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  // The outage incident, step by step (one transaction each, so its timeline keeps its order).
  const incidentRepo = get(IncidentRepository);
  // A few milliseconds apart, so the review's timeline (ordered by record time) keeps this order.
  const step = async (entry: AuditEntry) => {
    await new Promise((resolve) => setTimeout(resolve, 3));
    await transactions.run((tx) => audit.append(tx, entry));
  };
  const supervisorActor = actorOf(outageSupervisor);
  await step({
    actor: SYSTEM,
    action: 'incident.detected',
    entityType: 'incident',
    entityId: incidentId,
    after: {
      category: 'network_outage',
      count: detection.verdict.count,
      baseline: detection.verdict.baseline,
      ratio: detection.verdict.ratio,
      log10p: detection.verdict.log10p,
      terms,
      severity: detectedSeverity,
    },
  });
  await step({
    actor: SYSTEM,
    action: 'incident.complaints_linked',
    entityType: 'incident',
    entityId: incidentId,
    after: { count: linkedAtDetection, since: new Date(DETECTED - W) },
  });
  if (mergedTerms.length > terms.length)
    await step({
      actor: SYSTEM,
      action: 'incident.refined',
      entityType: 'incident',
      entityId: incidentId,
      after: {
        terms: mergedTerms,
        count: refinement.verdict.count,
        ratio: refinement.verdict.ratio,
      },
    });
  await step({
    actor: supervisorActor,
    action: 'incident.confirmed',
    entityType: 'incident',
    entityId: incidentId,
    before: {
      status: 'detected',
      severity: detectedSeverity,
      title: autoTitle('network_outage', mergedTerms),
    },
    after: { status: 'confirmed', severity: 'SEV1', title: C.OUTAGE.title },
  });
  const published = (s: (typeof statements)[number]) =>
    step({
      actor: supervisorActor,
      action: 'incident.statement_published',
      entityType: 'incident',
      entityId: incidentId,
      after: { statementId: s.id, kind: s.kind, locale: s.locale, title: s.title },
    });
  const statusStep = (from: string, to: string) =>
    step({
      actor: supervisorActor,
      action: `incident.${to}`,
      entityType: 'incident',
      entityId: incidentId,
      before: { status: from, severity: 'SEV1', title: C.OUTAGE.title },
      after: { status: to, severity: 'SEV1', title: C.OUTAGE.title },
    });
  for (const s of statements.filter((x) => x.at < T.mitigating)) await published(s);
  await statusStep('confirmed', 'mitigating');
  for (const s of statements.filter((x) => x.at > T.mitigating && x.at < T.resolved))
    await published(s);
  await statusStep('mitigating', 'resolved');
  await step({
    actor: supervisorActor,
    action: 'incident.plan_proposed',
    entityType: 'incident_plan',
    entityId: planId,
    after: { incidentId, memberDays: 7, qCoins: 0 },
  });
  for (const s of statements.filter((x) => x.at > T.resolved)) await published(s);
  await step({
    actor: actorOf(finance[0]),
    action: 'incident.plan_approved',
    entityType: 'incident_plan',
    entityId: planId,
    after: { incidentId, budgetUnits: [] },
  });
  // The plan's chunks, as PlanRunner.runChunk writes them: one transfer per user and lane shard.
  for (let lane = 0; lane < config.INCIDENT_PLAN_LANES; lane++) {
    for (let chunk = 0; ; chunk++) {
      const users = await transactions.run(async (tx) => {
        const users = await incidentRepo.usersWithoutGrant(
          tx,
          planId,
          incidentId,
          config.INCIDENT_PLAN_CHUNK,
          { lane, lanes: config.INCIDENT_PLAN_LANES },
        );
        if (users.length === 0) return users;
        const at = T.approved + 1_000 + lane * 500 + chunk * 200;
        const requests: TransferRequest[] = users.map((user) => {
          const key = `incident-plan:${planId}:${user}`;
          return {
            idempotencyKey: key,
            kind: 'grant',
            legs: grantLegs({
              platformUserId: user,
              memberDays: 7n,
              qCoins: 0n,
              shardKey: key,
              expenseShard: lane,
            }),
            effectiveAt: new Date(at),
            reference: { incidentId, platformUserId: user },
          };
        });
        const outcomes = await ledger.postMany(tx, requests, SYSTEM, { audit: 'none' });
        await bulkInsert(
          tx,
          'incident_plan_grants',
          'plan_id:uuid platform_user_id status transfer_id:bigint error created_at:timestamptz',
          outcomes.map((o, i) => [
            planId,
            users[i],
            o.ok ? 'granted' : 'failed',
            o.ok ? o.posted.transfer.id : null,
            o.ok ? null : o.error.code,
            iso(at),
          ]),
        );
        const granted = outcomes.filter((o) => o.ok).length;
        await audit.append(tx, {
          actor: SYSTEM,
          action: 'incident.plan_chunk',
          entityType: 'incident_plan',
          entityId: planId,
          after: {
            incidentId,
            lane,
            granted,
            failed: users.length - granted,
            firstUser: users[0],
            lastUser: users[users.length - 1],
          },
        });
        return users;
      });
      if (users.length === 0) break;
    }
  }
  const progress = await incidentRepo.planProgress(planId, incidentId);
  await step({
    actor: SYSTEM,
    action: 'incident.plan_completed',
    entityType: 'incident_plan',
    entityId: planId,
    after: { incidentId, ...progress },
  });
  say(
    `outage incident written: ${progress.done}/${progress.total} users granted 7 member days (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  // The running shifts have started (the simulation handed out their work): stamp their start, and
  // arm the SLA timers of open tickets like SlaTimers.arm does.
  await db.query(
    `UPDATE shifts SET start_handled_at = starts_at
      WHERE roster_id IS NOT NULL AND start_handled_at IS NULL AND starts_at <= $1`,
    [iso(NOW)],
  );
  await transactions.run(async (tx) => {
    const timers = tickets
      .filter((t) => t.slaNextAt)
      .map((t) => ({
        queue: QueueName.Tickets,
        job: JobName.SlaCheck,
        payload: { ticketId: t.id },
        runAt: t.slaNextAt!,
        jobKey: slaJobKey(t.id, t.slaNextAt!),
      }));
    for (let i = 0; i < timers.length; i += 500) await outbox.add(tx, ...timers.slice(i, i + 500));
  });

  // ── 8. What is happening now: the real use cases ───────────────────────────────────────────
  const nowSupervisor = onCall(Date.now())[0];
  const nowAgents = agents.filter((a) => onDuty(a, Date.now()));
  const nowAgent = nowAgents[0] ?? agents[0];

  // The post-incident review of the outage (the incident becomes `reviewed`).
  await get(IncidentReviews).write(supervisorActor, incidentId, C.OUTAGE.review);

  // The ads storm: the spike detector finds it, a supervisor posts a status update.
  const detector = new SpikeDetector(
    config,
    incidentRepo,
    get(ComplaintRepository),
    get(PlanRunner),
    get(Notifier),
    audit,
    transactions,
    get(ComplaintIncidents),
  );
  await detector.run(new Date());
  let [storm] = (await db.query(
    "SELECT id FROM incidents WHERE category = 'marketing_abuse' AND status IN ('detected', 'confirmed', 'mitigating')",
  )) as { id: string }[];
  if (!storm) {
    // Not a spike by this desk's settings: a supervisor opens it by hand instead.
    const view = await get(IncidentActions).create(actorOf(nowSupervisor), {
      title: '弹窗广告激增 / Pop-up ads storm',
      category: 'marketing_abuse',
      severity: 'SEV3',
      complaintIds: complaints.filter((c) => c.kind === 'storm').map((c) => c.id),
    });
    storm = { id: view.id };
  }
  const [stormView] = (await db.query(
    'SELECT title, severity, (SELECT count(*)::int FROM complaints WHERE incident_id = $1) AS n FROM incidents WHERE id = $1',
    [storm.id],
  )) as { title: string; severity: string; n: number }[];
  say(
    `the spike detector opened "${stormView.title}" (${stormView.severity}, ${stormView.n} complaints)`,
  );
  for (const locale of ['zh', 'en'] as const)
    await get(PublishStatementUseCase).execute(actorOf(nowSupervisor), storm.id, {
      kind: 'status_update',
      locale,
      templateKey: 'status_update',
      variables: { update: C.STORM_UPDATE[locale] },
    });

  // Agents correct two complaints still waiting for review.
  const reviewable = complaints
    .filter(
      (c) => c.status === 'needs_review' && c.label !== c.category && c.ticket?.status === 'closed',
    )
    .slice(-2);
  for (const c of reviewable)
    await get(CorrectTriageUseCase).execute(actorOf(nowAgent), c.id, {
      category: c.label,
      reason: pick(C.CORRECTION_REASONS[c.replyLocale]),
    });

  // Proposals waiting for approval today, and one approved through the real flow.
  const recentResolved = (category: string) =>
    complaints
      .filter(
        (c) =>
          c.ticket?.status === 'resolved' &&
          c.category === category &&
          !comps.some((x) => x.complaint === c && x.source === 'manual'),
      )
      .reverse();
  const propose = get(ProposeCompensationUseCase);
  const approve = get(ApproveCompensationUseCase);
  const proposer = actorOf(nowAgent);
  const accountCase = recentResolved('account_security');
  const billingCase = recentResolved('billing');
  if (accountCase[0])
    await propose.execute(proposer, {
      complaintId: accountCase[0].id,
      memberDays: 0,
      qCoins: 500,
      reason: '被盗期间 Q币被盗刷 500，核实后返还 / 500 Q-coins spent by the intruder, to restore',
    });
  if (accountCase[1]) {
    const dual = await propose.execute(proposer, {
      complaintId: accountCase[1].id,
      memberDays: 40,
      qCoins: 1500,
      reason: '账号被盗导致会员和 Q币损失 / membership and Q-coins lost to an account takeover',
    });
    await approve.execute(
      { id: nowSupervisor.id, roles: ['supervisor'] },
      dual.id,
      '已核实登录记录 / login records checked',
    );
  }
  if (billingCase[0]) {
    const single = await propose.execute(proposer, {
      complaintId: billingCase[0].id,
      memberDays: 15,
      qCoins: 0,
      reason: '自动续费争议，补足会员天数 / disputed auto-renewal, days restored',
    });
    await approve.execute({ id: finance[1].id, roles: ['finance'] }, single.id, 'OK');
  }

  // Three complaints arriving right now through the real intake (the worker triages them).
  const submit = get(SubmitComplaintUseCase);
  const fresh = [];
  for (const dto of C.FRESH_COMPLAINTS)
    fresh.push(await submit.execute(dto, { ip: '203.0.113.10' }));

  // ── 9. Report ───────────────────────────────────────────────────────────────────────────────
  const count = async (sql: string) =>
    ((await db.query(sql)) as { k: string; n: number }[]).map((r) => `${r.k} ${r.n}`).join(', ');
  const outageExample =
    complaints.find(
      (c) => c.incidentId === incidentId && c.locale === 'zh' && c.ticket?.status === 'resolved',
    ) ?? complaints.find((c) => c.incidentId === incidentId)!;
  const ruleExample = comps.find(
    (c) =>
      c.source === 'rule' &&
      c.outcome === 'granted' &&
      c.complaint.category === 'billing' &&
      c.complaint.ticket?.status === 'resolved' &&
      c.complaint.ticket.reopenCount === 0,
  )?.complaint;
  const stormComplaints = complaints.filter(
    (c) => c.kind === 'storm' && c.category === 'marketing_abuse',
  );
  const stormExample =
    stormComplaints.filter((c) => c.ticket && c.ticket.status !== 'new').pop() ??
    stormComplaints.pop()!;
  say('');
  say(
    `Demo desk seeded in ${((Date.now() - started) / 1000).toFixed(1)} s into ${redactUrl(config.DATABASE_URL)}`,
  );
  say(
    `  complaints:    ${await count('SELECT status AS k, count(*)::int AS n FROM complaints GROUP BY 1 ORDER BY 1')}`,
  );
  say(
    `  tickets:       ${await count('SELECT status AS k, count(*)::int AS n FROM tickets GROUP BY 1 ORDER BY 1')}`,
  );
  say(
    `  by queue:      ${await count('SELECT queue_key AS k, count(*)::int AS n FROM tickets GROUP BY 1 ORDER BY 1')}`,
  );
  say(
    `  SLA breached:  ${await count("SELECT 'tickets' AS k, count(*)::int AS n FROM tickets WHERE breached")}`,
  );
  say(
    `  compensations: ${await count('SELECT status AS k, count(*)::int AS n FROM compensations GROUP BY 1 ORDER BY 1')}`,
  );
  say(
    `  ledger:        ${await count('SELECT kind AS k, count(*)::int AS n FROM ledger_transfers GROUP BY 1 ORDER BY 1')}`,
  );
  say(
    `  incidents:     ${await count('SELECT status AS k, count(*)::int AS n FROM incidents GROUP BY 1 ORDER BY 1')}`,
  );
  say(`  audit records: ${await count("SELECT 'total' AS k, count(*)::int AS n FROM audit_log")}`);
  say('');
  say(
    `Log in (POST /api/v1/auth/login) as ${config.DESK_ADMIN_EMAIL} (password from DESK_ADMIN_PASSWORD), or as demo staff with password "${C.DEMO_PASSWORD}":`,
  );
  for (const s of staff)
    say(
      `  ${s.email.padEnd(26)} ${s.roles.join(',').padEnd(11)} ${s.name}${s.roles.includes('agent') ? `  [${[...s.skills].join(', ')}]` : ''}`,
    );
  say('');
  say(
    'Follow a complaint on http://localhost:3000/track?code=<code> (the token goes in the form), or with\n' +
      'GET /api/v1/public/complaints/<code> and the header X-Tracking-Token:',
  );
  say(
    `  outage (incident, apology, 7 member days):  ${outageExample.trackingCode}  token ${outageExample.token}`,
  );
  if (ruleExample)
    say(
      `  resolved, compensated by a rule:            ${ruleExample.trackingCode}  token ${ruleExample.token}`,
    );
  say(
    `  ads storm (open incident, status update):   ${stormExample.trackingCode}  token ${stormExample.token}`,
  );
  say(
    `  just filed (waiting for the worker's triage): ${fresh[0].trackingCode}  token ${fresh[0].trackingToken}`,
  );
  say('');
  say('Now run `npm start` and open http://localhost:3000/status and http://localhost:3000/docs.');
}
