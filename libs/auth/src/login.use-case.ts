import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError } from '@desk/platform';
import { AuthErrorCode } from './auth.errors.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import type { LoginDto, LoginResponse } from './staff.dto.js';
import { StaffRepository } from './staff.repository.js';
import { normaliseEmail } from './staff.view.js';
import { TokenService } from './token.service.js';

@Injectable()
export class LoginUseCase {
  constructor(
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
  ) {}

  async execute(dto: LoginDto, ip: string): Promise<LoginResponse> {
    const email = normaliseEmail(dto.email);
    await this.throttle.assertAllowed(email, ip);
    const staff = await this.staff.findByEmail(email);
    const passwordOk = await this.hasher.verify(staff?.passwordHash, dto.password);
    // One answer for unknown e-mail, wrong password and disabled account: nothing to enumerate.
    if (!staff || !passwordOk || !staff.active) {
      await this.throttle.recordFailure(email, ip);
      throw DomainError.unauthenticated(
        AuthErrorCode.InvalidCredentials,
        'E-mail or password is wrong',
      );
    }
    await this.throttle.reset(email, ip);
    return {
      accessToken: await this.tokens.issue({ sub: staff.id, ver: staff.tokenVersion }),
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id: staff.id, email: staff.email, roles: staff.roles },
    };
  }
}
