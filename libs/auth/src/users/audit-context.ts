import type { AuditEvent } from '../audit.service.js';
import type { AuthUser } from '../auth.types.js';

/** Who did it and from where; an API key is named in the details, since its id is not a user's id. */
export function auditContext(
  actor: AuthUser,
  ip: string | undefined,
  details: Record<string, unknown> = {},
): Pick<AuditEvent, 'actorId' | 'actorEmail' | 'ip' | 'details'> {
  return {
    actorId: actor.id,
    actorEmail: actor.email ?? null,
    ip: ip ?? null,
    details: actor.kind === 'api_key' ? { ...details, apiKey: actor.name } : details,
  };
}
