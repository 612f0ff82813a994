import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditService } from './audit.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AUTH_OPTIONS, jwtSecretFrom, type AuthOptions } from './auth.tokens.js';
import { InboxAccessService } from './inbox-access.service.js';
import { UsersRepository } from './users.repository.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret: jwtSecretFrom(options.appSecret), signOptions: { expiresIn: options.jwtTtlSeconds } })],
      controllers: [AuthController],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        UsersRepository,
        AuditService,
        AuthService,
        InboxAccessService,
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [AuthService, AuditService, InboxAccessService, UsersRepository, AuthGuard, JwtModule, AUTH_OPTIONS],
    };
  }
}
