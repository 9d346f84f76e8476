import { PeriodicTask } from './periodic-task.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PeriodicTask', () => {
  const warnings: string[] = [];
  const logger = { warn: (message: unknown) => void warnings.push(String(message)) };

  beforeEach(() => (warnings.length = 0));

  it('does not start a second pass while one is running', async () => {
    let passes = 0;
    const gate = deferred();
    const task = new PeriodicTask(logger, 'sweep', async () => {
      passes += 1;
      await gate.promise;
    });
    const first = task.run();
    const second = task.run();
    expect(passes).toBe(1);
    gate.resolve();
    await Promise.all([first, second]);
    await task.run();
    expect(passes).toBe(2);
  });

  it('logs a failed pass and runs again on the next call', async () => {
    let calls = 0;
    const task = new PeriodicTask(logger, 'sweep', async () => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
    });
    await expect(task.run()).resolves.toBeUndefined();
    expect(warnings).toEqual(['sweep failed: database away']);
    await task.run();
    expect(calls).toBe(2);
    expect(warnings).toHaveLength(1);
  });

  it('stop waits for the pass in flight and ends the timer', async () => {
    let passes = 0;
    let finished = false;
    const gate = deferred();
    const task = new PeriodicTask(logger, 'sweep', async () => {
      passes += 1;
      await gate.promise;
      finished = true;
    });
    task.start(5);
    await new Promise((r) => setTimeout(r, 30));
    expect(passes).toBe(1);
    const stopped = task.stop();
    gate.resolve();
    await stopped;
    expect(finished).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(passes).toBe(1);
  });
});
