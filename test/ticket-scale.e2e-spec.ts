import { DataSource } from 'typeorm';
import { databaseOptions } from '@desk/database';
import { boundedCountSql } from '@desk/platform';
import { slaReportSql } from '../libs/tickets/src/sla-report.service.js';
import { type TicketFilter, TicketRepository } from '../libs/tickets/src/ticket.repository.js';
import { seedComplaintsAndTickets } from '../scripts/seed/scale-seed.js';
import { createSandbox, type Sandbox } from './support/test-app.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/**
 * The ticket list and the SLA report on a million tickets: every query the API can send is planned
 * with indexes, never a sequential scan of tickets. Plans, not timings: speed is for the benchmarks.
 */
describe('ticket queries at a million tickets', () => {
  let sandbox: Sandbox;
  let dataSource: DataSource;
  let tickets: TicketRepository;
  const ME = '00000000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    sandbox = await createSandbox();
    await seedComplaintsAndTickets((sql, params) => sandbox.db.query(sql, params), 1_000_000);
    // Some work for one agent, as an agent's own queue would hold.
    await sandbox.db.query(
      `UPDATE tickets SET assignee_id = $1 WHERE id IN (SELECT id FROM tickets ORDER BY id LIMIT 300)`,
      [ME],
    );
    await sandbox.db.query('ANALYZE tickets');
    dataSource = new DataSource(databaseOptions(sandbox.config.DATABASE_URL, 1));
    await dataSource.initialize();
    tickets = new TicketRepository(dataSource);
  }, 300_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await sandbox.drop();
  });

  async function plan(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const [row] = (await dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as {
      'QUERY PLAN': { Plan: PlanNode }[];
    }[];
    return nodes(row['QUERY PLAN'][0].Plan);
  }

  const ticketScans = (planNodes: PlanNode[]) =>
    planNodes.filter(
      (n) => n['Relation Name'] === 'tickets' || n['Index Name']?.startsWith('tickets_'),
    );

  const filters: Record<string, Partial<TicketFilter>> = {
    'no filter': {},
    queue: { queue: 'billing' },
    status: { status: 'new' },
    'queue and status': { queue: 'security', status: 'in_progress' },
    'assignee=me': { assigneeId: ME },
    'assignee=me and status': { assigneeId: ME, status: 'closed' },
    priority: { priority: 'P1' },
    breached: { breached: true },
    'queue, status and priority': { queue: 'general', status: 'new', priority: 'P2' },
    'a deep page': { queue: 'billing', page: 200 },
  };

  it.each(Object.entries(filters))('lists tickets by %s with indexes', async (name, filter) => {
    const full = { page: 1, limit: 50, ...filter };
    const queries = [tickets.listQuery(full).getQueryAndParameters()];
    // The total counts at most 10,001 matches; unfiltered, any scan finds them at once.
    const [countSql, countParams] = tickets.countQuery(full).getQueryAndParameters();
    if (name !== 'no filter') queries.push([boundedCountSql(countSql), countParams]);
    for (const [sql, params] of queries) {
      const scans = ticketScans(await plan(sql, params));
      expect(scans.length).toBeGreaterThan(0);
      expect(scans.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    }
  });

  it.each(['queue', 'category', 'priority'] as const)(
    'reports SLA figures by %s over a month with an index on the period',
    async (groupBy) => {
      const to = new Date();
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const scans = ticketScans(await plan(slaReportSql(groupBy), [from, to]));
      expect(scans.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(scans.some((n) => n['Index Name'] === 'tickets_created_idx')).toBe(true);
    },
  );

  it('counts small results exactly and estimates large ones', async () => {
    const large = await tickets.list({ page: 1, limit: 50 });
    expect(large.totalIsEstimate).toBe(true);
    expect(large.total).toBeGreaterThan(900_000);
    expect(large.total).toBeLessThan(1_100_000);
    const small = await tickets.list({ page: 1, limit: 50, assigneeId: ME });
    expect(small).toMatchObject({ total: 300, totalIsEstimate: false });
  });

  it('really holds a million tickets', async () => {
    const [{ n }] = await sandbox.db.query('SELECT count(*)::int AS n FROM tickets');
    expect(n).toBe(1_000_000);
  });
});
