import { Inject, Injectable } from '@nestjs/common';
import { DomainException, ErrorCode, notFound } from '@app/common';
import type { Page, User } from '@app/db';
import { AuditService } from '../audit.service.js';
import { toPublicUser, type PublicUser } from '../auth.service.js';
import { AUTH_OPTIONS, type AuthOptions } from '../auth.tokens.js';
import type { AuthUser } from '../auth.types.js';
import { hashPassword, verifyPassword } from '../password.js';
import { MemoryRateLimiter, type RateLimiter } from '../rate-limiter.js';
import { UsersRepository } from '../users.repository.js';
import { auditContext } from './audit-context.js';
import type { ChangePasswordInput, CreateUserInput, ListUsersQuery, UpdateUserInput } from './dto/users.dto.js';
import { LAST_ADMIN, UserDirectoryRepository } from './users.repository.js';

const isSelf = (actor: AuthUser, id: string) => actor.kind === 'user' && actor.id === id;
const isAdmin = (actor: AuthUser) => actor.role === 'admin';
const seesEveryone = (actor: AuthUser) => actor.role === 'admin' || actor.role === 'supervisor';
const forbidden = () => new DomainException(ErrorCode.Forbidden);
const lastAdmin = () => new DomainException(ErrorCode.LastAdmin);

@Injectable()
export class UsersService {
  /** Guessing the current password through a stolen session is limited like sign-in is. */
  private readonly passwordLimiter: RateLimiter;

  constructor(
    private readonly directory: UserDirectoryRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.passwordLimiter = new MemoryRateLimiter(options.loginMaxAttempts, options.loginWindowSeconds);
  }

  async list(query: ListUsersQuery): Promise<Page<PublicUser>> {
    const page = await this.directory.list(query);
    return { items: page.items.map(toPublicUser), nextCursor: page.nextCursor };
  }

  async get(actor: AuthUser, id: string): Promise<PublicUser> {
    return toPublicUser(await this.visibleUser(actor, id));
  }

  async create(actor: AuthUser, input: CreateUserInput, ip?: string): Promise<PublicUser> {
    const { password, ...fields } = input;
    const user = await this.directory.create({ ...fields, passwordHash: await hashPassword(password) });
    await this.audit.record({ action: 'user.created', targetType: 'user', targetId: user.id, ...auditContext(actor, ip, { role: user.role }) });
    return toPublicUser(user);
  }

  async update(actor: AuthUser, id: string, input: UpdateUserInput, ip?: string): Promise<PublicUser> {
    this.assertMayUpdate(actor, id, input);
    const result = await this.directory.update(id, input);
    if (!result) throw notFound('entity.user', id);
    if (result === LAST_ADMIN) throw lastAdmin();
    const { before, after } = result;
    if (before.role !== after.role) {
      await this.audit.record({ action: 'user.role_changed', targetType: 'user', targetId: id, ...auditContext(actor, ip, { from: before.role, to: after.role }) });
    }
    if (before.active !== after.active) {
      const action = after.active ? 'user.activated' : 'user.deactivated';
      await this.audit.record({ action, targetType: 'user', targetId: id, ...auditContext(actor, ip) });
    }
    return toPublicUser(after);
  }

  async delete(actor: AuthUser, id: string, ip?: string): Promise<void> {
    const result = await this.directory.delete(id);
    if (!result) throw notFound('entity.user', id);
    if (result === LAST_ADMIN) throw lastAdmin();
    await this.audit.record({ action: 'user.deleted', targetType: 'user', targetId: id, ...auditContext(actor, ip, { email: result.email }) });
  }

  /** Everyone changes their own password by proving the current one; an admin may reset anyone else's. */
  async changePassword(actor: AuthUser, id: string, input: ChangePasswordInput, ip?: string): Promise<void> {
    const self = isSelf(actor, id);
    if (!self && !isAdmin(actor)) throw forbidden();
    const user = await this.users.findById(id);
    if (!user) throw notFound('entity.user', id);
    if (self) await this.assertCurrentPassword(user, input.currentPassword);
    const updated = await this.directory.setPassword(id, await hashPassword(input.newPassword));
    if (!updated) throw notFound('entity.user', id);
    await this.audit.record({ action: 'user.password_changed', targetType: 'user', targetId: id, ...auditContext(actor, ip, { reset: !self }) });
  }

  async inboxesOf(actor: AuthUser, id: string) {
    await this.visibleUser(actor, id);
    return { items: await this.directory.inboxesOf(id) };
  }

  async teamsOf(actor: AuthUser, id: string) {
    await this.visibleUser(actor, id);
    return { items: await this.directory.teamsOf(id) };
  }

  /** Admins and supervisors see every user; anyone else only themselves (403 before 404, so ids are not probed). */
  private async visibleUser(actor: AuthUser, id: string): Promise<User> {
    if (!seesEveryone(actor) && !isSelf(actor, id)) throw forbidden();
    const user = await this.users.findById(id);
    if (!user) throw notFound('entity.user', id);
    return user;
  }

  private assertMayUpdate(actor: AuthUser, id: string, input: UpdateUserInput) {
    if (isAdmin(actor)) return;
    // The extension decides whose screen a ringing call pops up on: only an administrator assigns it.
    const onlyOwnProfile = input.role === undefined && input.active === undefined && input.phoneExtension === undefined;
    if (!isSelf(actor, id) || !onlyOwnProfile) throw forbidden();
  }

  private async assertCurrentPassword(user: User, currentPassword: string | undefined) {
    const retryAfter = await this.passwordLimiter.hit(user.id);
    if (retryAfter > 0) throw new DomainException(ErrorCode.RateLimited, { retryAfter });
    if (!currentPassword || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new DomainException(ErrorCode.WrongCurrentPassword);
    }
    await this.passwordLimiter.reset(user.id);
  }
}
