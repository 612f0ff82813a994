import type { Contact, ContactIdentity } from '@app/db';

/** A contact as the API shows it (the search column is internal). */
export type ContactRecord = Omit<Contact, 'searchText'>;

export interface ContactDetails extends ContactRecord {
  identities: ContactIdentity[];
  company: { id: string; name: string } | null;
  openDealsCount: number;
}

/** What a caller may set on a contact; phones and e-mails are normalised by the service. */
export interface ContactInput {
  name?: string;
  phones?: string[];
  emails?: string[];
  tags?: string[];
  customFields?: Record<string, unknown>;
  companyId?: string | null;
  locale?: string | null;
  avatarUrl?: string | null;
  blocked?: boolean;
  /** IANA zone, e.g. Europe/Moscow. */
  timeZone?: string | null;
  /** YYYY-MM-DD. */
  birthday?: string | null;
}

export interface ContactFilters {
  q?: string;
  /** The search term as an E.164 number when it is a whole phone number. */
  phone?: string | null;
  tag?: string;
  companyId?: string;
  blocked?: boolean;
  cursor?: string;
  limit: number;
}

/** Which contact already holds a phone or e-mail. */
export interface ContactPointOwner {
  existingId: string;
  field: 'phone' | 'email';
  value: string;
}
