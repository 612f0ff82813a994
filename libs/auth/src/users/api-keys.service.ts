import { Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import { generateApiKey } from '../api-key.util.js';
import { AuditService } from '../audit.service.js';
import type { AuthUser } from '../auth.types.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { auditContext } from './audit-context.js';
import type { CreateApiKeyInput } from './dto/api-keys.dto.js';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  list(cursor: string | undefined, limit: number) {
    return this.keys.list(cursor, limit);
  }

  /** The full key is in this answer only: just its hash is stored. */
  async create(actor: AuthUser, input: CreateApiKeyInput, ip?: string) {
    const { key, prefix, hash } = generateApiKey();
    const created = await this.keys.create({
      name: input.name,
      role: input.role,
      prefix,
      keyHash: hash,
      createdById: actor.kind === 'user' ? actor.id : null,
    });
    await this.audit.record({
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: created.id,
      ...auditContext(actor, ip, { name: created.name, role: created.role, prefix }),
    });
    return { ...created, key };
  }

  /** Revoking twice is harmless: the first revocation time is kept and recorded once. */
  async revoke(actor: AuthUser, id: string, ip?: string): Promise<void> {
    const revoked = await this.keys.revoke(id);
    if (revoked) {
      await this.audit.record({ action: 'api_key.revoked', targetType: 'api_key', targetId: id, ...auditContext(actor, ip, { name: revoked.name }) });
      return;
    }
    if (!(await this.keys.findById(id))) throw notFound('entity.api_key', id);
  }
}
