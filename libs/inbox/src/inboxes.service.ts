import { Injectable } from '@nestjs/common';
import { InboxAccessService, type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound } from '@app/common';
import type { Inbox, InboxType, Page } from '@app/db';
import type { CreateInboxInput, ListInboxesQuery, UpdateInboxInput } from './dto/inbox.dto.js';
import { InboxSettingsService } from './inbox-settings.service.js';
import { toInboxView, type InboxView } from './inbox-view.js';
import { InboxesRepository, type InboxChanges } from './inboxes.repository.js';
import type { InboxSettingsByType } from './settings/settings-registry.js';

/** An inbox view plus generated secrets (e.g. `webhookSecret`) shown this one time only. */
export type InboxWithRevealedSecrets = InboxView & Record<string, unknown>;

@Injectable()
export class InboxesService {
  constructor(
    private readonly inboxes: InboxesRepository,
    private readonly settings: InboxSettingsService,
    private readonly access: InboxAccessService,
  ) {}

  async list(user: AuthUser, query: ListInboxesQuery): Promise<Page<InboxView>> {
    const ids = await this.access.visibleInboxIds(user);
    const page = await this.inboxes.list({ cursor: query.cursor, limit: query.limit, type: query.type, ids });
    return { items: page.items.map((inbox) => this.view(inbox)), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, id: string): Promise<InboxView> {
    const inbox = await this.findOrThrow(id);
    await this.access.assertAccess(user, id);
    return this.view(inbox);
  }

  async create(input: CreateInboxInput): Promise<InboxWithRevealedSecrets> {
    const { stored, revealed } = await this.settings.forCreate(input.type, input.settings);
    const inbox = await this.inboxes.create({ type: input.type, name: input.name, enabled: input.enabled, settings: stored });
    return { ...this.view(inbox), ...revealed };
  }

  async update(id: string, input: UpdateInboxInput): Promise<InboxView> {
    const inbox = await this.inboxes.update(id, async (current) => {
      if (input.type && input.type !== current.type) {
        throw new DomainException(ErrorCode.InboxTypeImmutable, { params: { type: current.type }, details: { field: 'type' } });
      }
      const changes: InboxChanges = { name: input.name, enabled: input.enabled };
      if (input.settings) changes.settings = await this.settings.forUpdate(current.type, input.settings, current.settings);
      return changes;
    });
    if (!inbox) throw notFound('entity.inbox', id);
    return this.view(inbox);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.inboxes.delete(id))) throw notFound('entity.inbox', id);
  }

  async rotateSecret(id: string): Promise<InboxWithRevealedSecrets> {
    let revealed: Record<string, string> = {};
    const inbox = await this.inboxes.update(id, (current) => {
      const rotated = this.settings.rotate(current.type, current.settings);
      revealed = rotated.revealed;
      return { settings: rotated.stored };
    });
    if (!inbox) throw notFound('entity.inbox', id);
    return { ...this.view(inbox), ...revealed };
  }

  /**
   * The inbox's settings with secrets in plain text, for the code that connects to the channel.
   * Never answer these to a client or write them to a log.
   */
  async getDecryptedSettings<T extends InboxType = InboxType>(inboxId: string, expectedType?: T): Promise<InboxSettingsByType[T]> {
    const inbox = await this.findOrThrow(inboxId);
    if (expectedType && inbox.type !== expectedType) {
      throw new Error(`Inbox ${inboxId} is of type ${inbox.type}, not ${expectedType}`);
    }
    return this.settings.reveal(inbox.type, inbox.settings) as InboxSettingsByType[T];
  }

  async findOrThrow(id: string): Promise<Inbox> {
    const inbox = await this.inboxes.findById(id);
    if (!inbox) throw notFound('entity.inbox', id);
    return inbox;
  }

  private view(inbox: Inbox): InboxView {
    return toInboxView(inbox, this.settings.redact(inbox.type, inbox.settings));
  }
}
