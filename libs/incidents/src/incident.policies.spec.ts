import { canMove } from './incident-lifecycle.policy.js';
import { INCIDENT_STATUSES } from './incidents.constants.js';
import { escapeMarkdown, reviewMarkdown } from './review.policy.js';
import { compensationInWords } from './statement-templates.js';

describe('incident lifecycle', () => {
  it('moves forward (skipping allowed), dismisses only before resolution, never back', () => {
    const allowed = INCIDENT_STATUSES.flatMap((from) =>
      INCIDENT_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'detected→confirmed',
        'detected→mitigating',
        'detected→resolved',
        'detected→dismissed',
        'confirmed→mitigating',
        'confirmed→resolved',
        'confirmed→dismissed',
        'mitigating→resolved',
        'mitigating→dismissed',
        'resolved→reviewed',
      ].sort(),
    );
  });
});

describe('review markdown', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 25, 8, m));
  it('puts the timeline in order and escapes what people wrote', () => {
    const md = reviewMarkdown({
      incident: {
        id: 'i1',
        title: 'Messages delayed',
        category: 'functional_defect',
        severity: 'SEV2',
        status: 'reviewed',
        complaintCount: 120,
        affectedUsers: 110,
        openedAt: at(5),
        resolvedAt: at(50),
      },
      review: {
        cause: 'A queue # filled up',
        actions: '[link](http://x)',
        lessons: '<b>alerts</b>',
        createdAt: at(59),
      },
      timeline: [
        { at: at(30), what: 'Public apology published' },
        { at: at(1), what: 'First complaint' },
        { at: at(5), what: 'Spike detected' },
      ],
      plan: { memberDays: 7, qCoins: 0, total: 110, done: 110, failed: 0 },
    });
    expect(md).toContain('# Post-incident review: Messages delayed');
    expect(md).toContain('(45 min)');
    const timeline = md.split('## Timeline (UTC)')[1].split('## Cause')[0];
    expect(timeline.indexOf('First complaint')).toBeLessThan(timeline.indexOf('Spike detected'));
    expect(timeline.indexOf('Spike detected')).toBeLessThan(timeline.indexOf('Public apology'));
    expect(md).toContain('A queue # filled up');
    expect(md).toContain('\\[link\\](http://x)');
    expect(md).not.toContain('<b>');
    expect(escapeMarkdown('a*b')).toBe('a\\*b');
    expect(escapeMarkdown('# not a heading\n- nor a list')).toBe(
      '\\# not a heading\n\\- nor a list',
    );
  });
});

describe('compensation in words', () => {
  it('names the units granted, in both languages', () => {
    expect(compensationInWords({ memberDays: 7, qCoins: 100 }, 'zh')).toBe('7 天会员 + 100 Q币');
    expect(compensationInWords({ memberDays: 0, qCoins: 100 }, 'en')).toBe('100 Q-coins');
    expect(compensationInWords(null, 'en')).toBe('to be announced');
  });
});
