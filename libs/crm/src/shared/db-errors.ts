import { notFound, type DomainException } from '@app/common';
import { isForeignKeyViolation, pgErrorOf } from '@app/db';
import type { MessageKey } from '@app/i18n';

/** The entity each referencing column points to, for naming it in a 404. */
const ENTITY_BY_COLUMN: Record<string, MessageKey> = {
  contact_id: 'entity.contact',
  company_id: 'entity.company',
  owner_id: 'entity.user',
  created_by_id: 'entity.user',
  source_inbox_id: 'entity.inbox',
  inbox_id: 'entity.inbox',
  deal_id: 'entity.deal',
  conversation_id: 'entity.conversation',
  pipeline_id: 'entity.pipeline',
  stage_id: 'entity.stage',
};

const MISSING_KEY = /Key \((\w+)\)=\(([^)]*)\) is not present in table/;

/**
 * A write that named an id which does not exist becomes 404 naming that entity and id. The database checks
 * the reference itself (foreign key), so a row deleted between a check and the write is caught too.
 */
export function missingReferenceOf(error: unknown): DomainException | undefined {
  if (!isForeignKeyViolation(error)) return undefined;
  const match = MISSING_KEY.exec(pgErrorOf(error)?.detail ?? '');
  if (!match) return undefined;
  const [, column, id] = match;
  const entity = ENTITY_BY_COLUMN[column];
  return entity ? notFound(entity, id) : undefined;
}

/** Runs a write and translates a missing reference into 404; anything else is thrown as it is. */
export async function withReferenceChecks<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw missingReferenceOf(error) ?? error;
  }
}
