import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@desk/platform';
import { ExpireProposalsUseCase } from './compensation-actions.use-cases.js';

/** Expires pending proposals past their time, on a plain interval in every worker. */
@Injectable()
export class CompensationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CompensationSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly expire: ExpireProposalsUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.expire
        .execute()
        .catch((error: Error) => this.logger.warn(`expiry sweep failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
