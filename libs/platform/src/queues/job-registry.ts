export interface DeclaredHandler {
  queue: string;
  job: string;
}

/**
 * Compares the job registry with the handlers the worker found. Returns one line per problem: a job
 * with no handler (its work would pile up unseen), a job handled twice, or a handler for a job the
 * registry does not know (a typo that would never run).
 */
export function registryProblems(
  registry: Readonly<Record<string, readonly string[]>>,
  handlers: readonly DeclaredHandler[],
): string[] {
  const problems: string[] = [];
  const count = new Map<string, number>();
  for (const { queue, job } of handlers) {
    const key = `${queue}/${job}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const expected = new Set<string>();
  for (const [queue, jobs] of Object.entries(registry)) {
    for (const job of jobs) {
      const key = `${queue}/${job}`;
      expected.add(key);
      const n = count.get(key) ?? 0;
      if (n === 0) problems.push(`job ${key} has no handler`);
      if (n > 1) problems.push(`job ${key} has ${n} handlers`);
    }
  }
  for (const key of count.keys()) {
    if (!expected.has(key)) problems.push(`handler for ${key} is not in the job registry`);
  }
  return problems;
}
