import type { Logger } from '@nestjs/common';

/**
 * A pass that runs on a plain timer in every worker — not a Redis job, so a flushed Redis cannot
 * take it away — and never overlaps itself: a tick while the previous pass still runs is skipped.
 * A failing pass is logged and the next tick tries again; `stop()` waits for the pass in flight so
 * shutdown does not cut it off mid-transaction.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly what: string,
    private readonly pass: () => Promise<unknown>,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.run(), everyMs);
  }

  /** Runs a pass now unless one is running; resolves when that pass has ended. */
  run(): Promise<void> {
    this.running ??= this.pass()
      .then(
        () => undefined,
        (error: Error) => this.logger.warn(`${this.what} failed: ${error.message}`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
