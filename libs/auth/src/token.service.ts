import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@desk/platform';

export interface TokenClaims {
  sub: string;
  /** The staff row's token version when issued; a mismatch means the token was revoked. */
  ver: number;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  issue(claims: TokenClaims): Promise<string> {
    return this.jwt.signAsync(
      { ...claims },
      {
        secret: this.config.JWT_SECRET,
        algorithm: 'HS256',
        expiresIn: this.config.JWT_TTL_SECONDS,
      },
    );
  }

  /** The claims of a valid, unexpired token; undefined for anything else. */
  async read(token: string): Promise<TokenClaims | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token, {
        secret: this.config.JWT_SECRET,
        algorithms: ['HS256'],
      });
      return typeof claims.sub === 'string' && typeof claims.ver === 'number'
        ? { sub: claims.sub, ver: claims.ver }
        : undefined;
    } catch {
      return undefined;
    }
  }
}
