import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '@desk/audit';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { CreateStaffUseCase } from './create-staff.use-case.js';
import { EnsureFirstAdminUseCase } from './ensure-first-admin.use-case.js';
import { LoginThrottle } from './login-throttle.js';
import { LoginUseCase } from './login.use-case.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffController } from './staff.controller.js';
import { StaffDirectory } from './staff-directory.service.js';
import { StaffRepository } from './staff.repository.js';
import { TokenService } from './token.service.js';
import { UpdateStaffUseCase } from './update-staff.use-case.js';

/** Staff accounts, login and the global guard. The API imports it; it creates the first admin at start-up. */
@Module({
  imports: [JwtModule.register({}), AuditModule],
  controllers: [AuthController, StaffController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    CreateStaffUseCase,
    EnsureFirstAdminUseCase,
    LoginThrottle,
    LoginUseCase,
    PasswordHasher,
    StaffDirectory,
    StaffRepository,
    TokenService,
    UpdateStaffUseCase,
  ],
  exports: [StaffDirectory, TokenService],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(private readonly firstAdmin: EnsureFirstAdminUseCase) {}

  onApplicationBootstrap(): Promise<void> {
    return this.firstAdmin.execute();
  }
}
