import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP-level memory cost), run off the event loop by the binding. */
@Injectable()
export class PasswordHasher {
  /** Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
  private readonly decoy = hash('decoy-password-for-unknown-accounts');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await verify(passwordHash ?? (await this.decoy), password);
      return matches && passwordHash !== undefined;
    } catch {
      return false;
    }
  }
}
