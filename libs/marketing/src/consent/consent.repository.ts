import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { contacts, InjectDb, type Db, type Executor } from '@app/db';
import type { OptOutSource } from '../marketing.contract.js';

export interface ConsentState {
  id: string;
  name: string;
  locale: string | null;
  blocked: boolean;
  optedOutAt: Date | null;
  optOutSource: string | null;
  emails: string[];
  phones: string[];
}

const stateColumns = {
  id: contacts.id,
  name: contacts.name,
  locale: contacts.locale,
  blocked: contacts.blocked,
  optedOutAt: contacts.optedOutAt,
  optOutSource: contacts.optOutSource,
  emails: contacts.emails,
  phones: contacts.phones,
};

/** The consent columns of contacts. */
@Injectable()
export class ConsentRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async find(contactId: string, executor: Executor = this.db): Promise<ConsentState | undefined> {
    const [row] = await executor.select(stateColumns).from(contacts).where(eq(contacts.id, contactId)).limit(1);
    return row;
  }

  private async findForUpdate(tx: Executor, contactId: string): Promise<ConsentState | undefined> {
    const [row] = await tx.select(stateColumns).from(contacts).where(eq(contacts.id, contactId)).for('update').limit(1);
    return row;
  }

  /** Sets or clears the opt-out; answers the contact as it was before, undefined when it does not exist. */
  async set(contactId: string, optOut: { source: OptOutSource } | null): Promise<ConsentState | undefined> {
    return this.db.transaction(async (tx) => {
      const before = await this.findForUpdate(tx, contactId);
      if (!before) return undefined;
      const unchanged = optOut ? before.optedOutAt !== null : before.optedOutAt === null;
      if (!unchanged) {
        await tx
          .update(contacts)
          .set(optOut ? { optedOutAt: new Date(), optOutSource: optOut.source } : { optedOutAt: null, optOutSource: null })
          .where(eq(contacts.id, contactId));
      }
      return before;
    });
  }
}
