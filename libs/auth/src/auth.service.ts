import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainException, ErrorCode } from '@app/common';
import type { User } from '@app/db';
import { AuditService } from './audit.service.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth.tokens.js';
import type { AccessTokenPayload } from './auth.types.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { MemoryRateLimiter, type RateLimiter } from './rate-limiter.js';
import { UsersRepository } from './users.repository.js';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  locale: string;
  active: boolean;
  phoneExtension: string | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toPublicUser(user: User): PublicUser {
  const { id, email, name, role, locale, active, phoneExtension, lastLoginAt, createdAt, updatedAt } = user;
  return { id, email, name, role, locale, active, phoneExtension, lastLoginAt, createdAt, updatedAt };
}

@Injectable()
export class AuthService {
  private readonly accountLimiter: RateLimiter;
  private readonly addressLimiter: RateLimiter;

  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {
    this.accountLimiter = new MemoryRateLimiter(options.loginMaxAttempts, options.loginWindowSeconds);
    // One office behind one NAT address signs many agents in at nine: the address limit is wider.
    this.addressLimiter = new MemoryRateLimiter(options.loginMaxAttempts * 10, options.loginWindowSeconds);
  }

  async login(email: string, password: string, ip: string | undefined) {
    const normalized = email.trim().toLowerCase();
    // Limited per account and per address, so neither one password guesser nor one botnet target gets far.
    const waits = await Promise.all([this.accountLimiter.hit(normalized), this.addressLimiter.hit(ip ?? 'unknown')]);
    const retryAfter = Math.max(...waits);
    if (retryAfter > 0) {
      await this.audit.record({ action: 'login.rate_limited', actorEmail: normalized, ip });
      throw new DomainException(ErrorCode.RateLimited, { retryAfter });
    }
    const user = await this.users.findByEmail(normalized);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      await this.audit.record({ action: 'login.failed', actorEmail: normalized, actorId: user?.id, ip });
      throw new DomainException(ErrorCode.InvalidCredentials);
    }
    if (!user.active) throw new DomainException(ErrorCode.AccountDisabled);
    await this.accountLimiter.reset(normalized);
    await this.users.touchLastLogin(user.id);
    await this.audit.record({ action: 'login.succeeded', actorId: user.id, actorEmail: user.email, ip });
    return { accessToken: await this.issueToken(user), expiresIn: this.options.jwtTtlSeconds, user: toPublicUser(user) };
  }

  issueToken(user: Pick<User, 'id' | 'role' | 'tokenVersion'>): Promise<string> {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, ver: user.tokenVersion };
    return this.jwt.signAsync(payload);
  }
}
