import { type Candidate, pickAssignee, planAssignments } from './assignment.policy.js';

const agent = (id: string, load: number, capacity = 20, last: string | null = null): Candidate => ({
  id,
  load,
  capacity,
  lastAssignedAt: last ? new Date(last) : null,
});

describe('pickAssignee', () => {
  it('takes the least loaded agent with room', () => {
    expect(pickAssignee([agent('a', 3), agent('b', 1), agent('c', 2)])?.id).toBe('b');
  });

  it('skips agents at capacity, and finds nobody when all are full', () => {
    expect(pickAssignee([agent('a', 2, 2), agent('b', 5, 6)])?.id).toBe('b');
    expect(pickAssignee([agent('a', 2, 2), agent('b', 0, 0)])).toBeUndefined();
  });

  it('breaks load ties by longest idle, never-assigned first', () => {
    const picked = pickAssignee([
      agent('a', 1, 20, '2026-11-25T10:00:00Z'),
      agent('b', 1, 20, '2026-11-25T09:00:00Z'),
      agent('c', 1, 20, '2026-11-25T11:00:00Z'),
    ]);
    expect(picked?.id).toBe('b');
    expect(pickAssignee([agent('a', 1, 20, '2026-11-25T09:00:00Z'), agent('b', 1)])?.id).toBe('b');
  });
});

describe('planAssignments', () => {
  it('spreads 1,000 tickets over 10 agents so the most and least loaded differ by at most one', () => {
    // Uneven starting loads and idle times, as on a real floor.
    const agents = Array.from({ length: 10 }, (_, i) =>
      agent(`agent-${i}`, (i * 7) % 5, 1000, `2026-11-25T0${i}:00:00Z`),
    );
    const tickets = Array.from({ length: 1000 }, (_, i) => i);
    const plan = planAssignments(tickets, agents, new Date('2026-11-25T12:00:00Z'));
    expect(plan).toHaveLength(1000);
    const loads = agents.map((a) => a.load + plan.filter((p) => p.assigneeId === a.id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((s, n) => s + n, 0)).toBe(1000 + agents.reduce((s, a) => s + a.load, 0));
  });

  it('stops when everyone is full and leaves the rest waiting', () => {
    const plan = planAssignments([1, 2, 3, 4, 5], [agent('a', 0, 2), agent('b', 1, 2)], new Date());
    expect(plan.map((p) => p.assigneeId).sort()).toEqual(['a', 'a', 'b']);
  });

  it('gives each ticket only to agents eligible for it', () => {
    const plan = planAssignments(
      ['billing', 'general', 'billing'],
      [agent('a', 0), agent('b', 5)],
      new Date(),
      (queue, c) => queue === 'general' || c.id === 'b',
    );
    expect(plan.map((p) => `${p.ticket}:${p.assigneeId}`)).toEqual([
      'billing:b',
      'general:a',
      'billing:b',
    ]);
  });

  it('rotates among equally loaded agents instead of piling on one', () => {
    const plan = planAssignments(
      [1, 2, 3],
      [agent('a', 0), agent('b', 0), agent('c', 0)],
      new Date(),
    );
    expect(new Set(plan.map((p) => p.assigneeId)).size).toBe(3);
  });
});
