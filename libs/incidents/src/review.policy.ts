export interface TimelineEvent {
  at: Date;
  what: string;
}

export interface ReviewInput {
  incident: {
    id: string;
    title: string;
    category: string;
    severity: string;
    status: string;
    complaintCount: number;
    affectedUsers: number;
    openedAt: Date;
    resolvedAt: Date | null;
  };
  review: { cause: string; actions: string; lessons: string; createdAt: Date };
  timeline: TimelineEvent[];
  plan: { memberDays: number; qCoins: number; total: number; done: number; failed: number } | null;
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/**
 * Markdown is text: what people wrote must not turn into links, HTML, emphasis, tables or — at the
 * start of a line — headings, lists and quotes.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\->]|\d+\.)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`);
}

function duration(from: Date, to: Date | null): string {
  if (!to) return 'ongoing';
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  return minutes < 120 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}

/** The post-incident review as Markdown: summary, impact, timeline (in time order), cause, actions, lessons. */
export function reviewMarkdown(input: ReviewInput): string {
  const { incident: i, review, plan } = input;
  const events = [...input.timeline].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.what.localeCompare(b.what),
  );
  const lines = [
    `# Post-incident review: ${escapeMarkdown(i.title)}`,
    '',
    `- Incident: ${i.id}`,
    `- Category: ${i.category}; severity: ${i.severity}; status: ${i.status}`,
    `- Opened: ${iso(i.openedAt)}; resolved: ${i.resolvedAt ? iso(i.resolvedAt) : '—'} (${duration(i.openedAt, i.resolvedAt)})`,
    `- Impact: ${i.complaintCount} complaints from ${i.affectedUsers} users`,
    plan
      ? `- Compensation: ${plan.memberDays} member days and ${plan.qCoins} Q-coins per user; granted to ${plan.done} of ${plan.total} users (${plan.failed} not granted)`
      : '- Compensation: none',
    '',
    '## Timeline (UTC)',
    '',
    ...events.map((e) => `- ${iso(e.at)} — ${escapeMarkdown(e.what)}`),
    '',
    '## Cause',
    '',
    escapeMarkdown(review.cause),
    '',
    '## Actions',
    '',
    escapeMarkdown(review.actions),
    '',
    '## Lessons',
    '',
    escapeMarkdown(review.lessons),
    '',
    `_Review written ${iso(review.createdAt)}._`,
    '',
  ];
  return lines.join('\n');
}
