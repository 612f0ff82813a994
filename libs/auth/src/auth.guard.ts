import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys, InjectDb, type Db, type UserRole } from '@app/db';
import { DomainException, ErrorCode } from '@app/common';
import { hashApiKey } from './api-key.util.js';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';
import type { AccessTokenPayload, AuthUser } from './auth.types.js';
import { UsersRepository } from './users.repository.js';

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/** Global guard: every route needs a valid JWT or API key unless marked @Public(); @Roles narrows it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    @InjectDb() private readonly db: Db,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket.IO connections are authenticated once, at the handshake (libs/realtime AgentsGateway).
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    request.user = await this.authenticate(request.headers);
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.includes(request.user.role)) throw new DomainException(ErrorCode.Forbidden);
    return true;
  }

  async authenticate(headers: AuthRequest['headers']): Promise<AuthUser> {
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey) return this.fromApiKey(apiKey);
    const authorization = headers['authorization'];
    const match = typeof authorization === 'string' ? /^Bearer\s+(.+)$/i.exec(authorization) : null;
    if (!match) throw new DomainException(ErrorCode.Unauthorized);
    return this.fromToken(match[1]);
  }

  /** Also used by the Socket.IO handshake. */
  async fromToken(token: string): Promise<AuthUser> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch (error) {
      const expired = (error as Error)?.name === 'TokenExpiredError';
      throw new DomainException(expired ? ErrorCode.TokenExpired : ErrorCode.Unauthorized);
    }
    const user = await this.users.findById(payload.sub);
    if (!user || !user.active || user.tokenVersion !== payload.ver) throw new DomainException(ErrorCode.Unauthorized);
    return { kind: 'user', id: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
  }

  private async fromApiKey(key: string): Promise<AuthUser> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
      .limit(1);
    if (!row) throw new DomainException(ErrorCode.Unauthorized);
    // Recording the last use is informative only; never let it fail the request.
    void this.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(eq(apiKeys.id, row.id))
      .catch(() => undefined);
    return { kind: 'api_key', id: row.id, role: row.role, name: row.name };
  }
}
