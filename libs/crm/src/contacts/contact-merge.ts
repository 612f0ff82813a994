import type { ContactValues } from './contacts.repository.js';
import type { ContactRecord } from './contact.types.js';

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/**
 * The kept contact after absorbing another: phones, e-mails and tags are united; for everything else the
 * kept contact's value wins and the other's only fills what the kept one lacks. A block on either stays,
 * so merging never lets a blocked sender back in.
 */
export function mergeContactValues(kept: ContactRecord, other: ContactRecord): ContactValues & Pick<ContactRecord, 'name' | 'phones' | 'emails' | 'tags'> {
  return {
    name: kept.name || other.name,
    phones: union(kept.phones, other.phones),
    emails: union(kept.emails, other.emails),
    tags: union(kept.tags, other.tags),
    customFields: { ...other.customFields, ...kept.customFields },
    companyId: kept.companyId ?? other.companyId,
    locale: kept.locale ?? other.locale,
    avatarUrl: kept.avatarUrl ?? other.avatarUrl,
    blocked: kept.blocked || other.blocked,
  };
}
