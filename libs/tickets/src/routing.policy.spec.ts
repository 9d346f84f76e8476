import { routeTicket } from './routing.policy.js';

const at = (iso: string) => new Date(iso);
const queues = [
  { key: 'general', categories: [], priorities: [], createdAt: at('2026-01-01') },
  { key: 'billing', categories: ['billing'], priorities: [], createdAt: at('2026-02-01') },
  {
    key: 'security',
    categories: ['account_security', 'privacy_leak'],
    priorities: [],
    createdAt: at('2026-02-02'),
  },
  {
    key: 'security-urgent',
    categories: ['account_security'],
    priorities: ['P1'],
    createdAt: at('2026-03-01'),
  },
  { key: 'money-too', categories: ['billing'], priorities: [], createdAt: at('2026-04-01') },
];

describe('routeTicket', () => {
  it('sends a category to the queue that lists it', () => {
    expect(routeTicket(queues, { category: 'privacy_leak', priority: 'P1' })).toBe('security');
  });

  it('prefers a queue that also names the priority', () => {
    expect(routeTicket(queues, { category: 'account_security', priority: 'P1' })).toBe(
      'security-urgent',
    );
    expect(routeTicket(queues, { category: 'account_security', priority: 'P2' })).toBe('security');
  });

  it('gives ties to the older queue', () => {
    expect(routeTicket(queues, { category: 'billing', priority: 'P2' })).toBe('billing');
  });

  it('falls back to general for what nobody claims, even when general lists nothing', () => {
    expect(routeTicket(queues, { category: 'ux_design', priority: 'P4' })).toBe('general');
    expect(routeTicket([], { category: 'billing', priority: 'P2' })).toBe('general');
  });
});
