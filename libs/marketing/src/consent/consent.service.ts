import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import { ConsentPort, type OptOutSource } from '../marketing.contract.js';
import { MARKETING_OPTIONS, type MarketingModuleOptions } from '../marketing.tokens.js';
import { ConsentRepository, type ConsentState } from './consent.repository.js';
import { UnsubscribeTokens } from './unsubscribe-tokens.js';

export interface ConsentChange {
  contact: ConsentState;
  /** false when the contact already was in the asked state. */
  changed: boolean;
}

/** Marketing consent on the contact: who opted out, when and how; campaigns and triggers ask here. */
@Injectable()
export class ConsentService implements ConsentPort {
  private readonly tokens: UnsubscribeTokens;

  constructor(
    private readonly repository: ConsentRepository,
    @Inject(MARKETING_OPTIONS) private readonly options: MarketingModuleOptions,
  ) {
    this.tokens = new UnsubscribeTokens(options.appSecret);
  }

  async isOptedOut(contactId: string): Promise<boolean> {
    return (await this.repository.find(contactId))?.optedOutAt != null;
  }

  async optOut(contactId: string, source: OptOutSource): Promise<void> {
    await this.change(contactId, { source });
  }

  async optIn(contactId: string): Promise<void> {
    await this.change(contactId, null);
  }

  /** Sets or clears the opt-out and tells whether anything changed; 404 for an unknown contact. */
  async change(contactId: string, optOut: { source: OptOutSource } | null): Promise<ConsentChange> {
    const before = await this.repository.set(contactId, optOut);
    if (!before) throw notFound('entity.contact', contactId);
    return { contact: before, changed: optOut ? before.optedOutAt === null : before.optedOutAt !== null };
  }

  find(contactId: string): Promise<ConsentState | undefined> {
    return this.repository.find(contactId);
  }

  unsubscribeUrl(contactId: string): string {
    const base = (this.options.publicUrl ?? '').replace(/\/+$/, '');
    return `${base}/api/public/unsubscribe/${this.tokens.issue(contactId)}`;
  }

  /** The contact a link's token names, if the token is genuine. */
  contactOfToken(token: string): string | null {
    return this.tokens.verify(token);
  }
}
