import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import { AppConfig, Transactions } from '@desk/platform';
import { PasswordHasher } from './password-hasher.js';
import { StaffRepository } from './staff.repository.js';
import { normaliseEmail, staffView } from './staff.view.js';
import { DEFAULT_CAPACITY } from './create-staff.use-case.js';

/**
 * Creates the administrator named by DESK_ADMIN_EMAIL / DESK_ADMIN_PASSWORD if that account does
 * not exist. Idempotent and race-safe across API instances; an existing account is never changed,
 * so rotating the env password does not silently reset a password the admin has since chosen.
 */
@Injectable()
export class EnsureFirstAdminUseCase {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  async execute(): Promise<void> {
    const email = normaliseEmail(this.config.DESK_ADMIN_EMAIL);
    if (await this.staff.findByEmail(email)) return;
    const passwordHash = await this.hasher.hash(this.config.DESK_ADMIN_PASSWORD);
    await this.transactions.run(async (tx) => {
      const created = await this.staff.insertIfAbsent(tx, {
        email,
        passwordHash,
        displayName: 'Desk administrator',
        roles: ['admin'],
        skills: [],
        capacity: DEFAULT_CAPACITY,
      });
      if (!created) return;
      await this.audit.append(tx, {
        actor: SYSTEM,
        action: 'staff.created',
        entityType: 'staff',
        entityId: created.id,
        after: staffView(created),
      });
      this.logger.log(`first administrator created (${created.id})`);
    });
  }
}
