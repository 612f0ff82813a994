import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { InboxAccessService, type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound } from '@app/common';
import type { Inbox, InboxType, Page } from '@app/db';
import { INBOX_RUNTIME, type InboxRuntimeOptions } from './channel-adapters.port.js';
import { ChannelConnector } from './channels/channel-connector.js';
import type { CreateInboxInput, ListInboxesQuery, UpdateInboxInput } from './dto/inbox.dto.js';
import { InboxEvents } from './inbox-events.js';
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
    private readonly connector: ChannelConnector,
    private readonly events: InboxEvents,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
  ) {}

  /** Decrypted settings per stored settings object (see settingsOf). */
  private readonly revealed = new WeakMap<object, Record<string, unknown>>();

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

  /** The id is chosen first, so the channel can be told the inbox's webhook URL before anything is saved. */
  async create(input: CreateInboxInput): Promise<InboxWithRevealedSecrets> {
    const id = uuidv7();
    const sealed = await this.settings.forCreate(input.type, input.settings);
    const settings = input.enabled ? await this.connector.connect(input.type, id, sealed.stored) : sealed.stored;
    const inbox = await this.inboxes.create({ id, type: input.type, name: input.name, enabled: input.enabled, settings });
    await this.events.emit({ name: 'inbox.changed', data: { inboxId: inbox.id } });
    return { ...this.view(inbox), ...sealed.revealed };
  }

  /**
   * A change of what the connection depends on (or switching the inbox on) connects again before the
   * change is saved; switching it off disconnects. The channel is called outside the row lock, so the
   * change is refused (409) if the settings changed meanwhile.
   */
  async update(id: string, input: UpdateInboxInput): Promise<InboxView> {
    const current = await this.findOrThrow(id);
    if (input.type && input.type !== current.type) {
      throw new DomainException(ErrorCode.InboxTypeImmutable, { params: { type: current.type }, details: { field: 'type' } });
    }
    const changes: InboxChanges = { name: input.name, enabled: input.enabled };
    if (input.settings) changes.settings = await this.settings.forUpdate(current.type, input.settings, current.settings);
    const enabled = input.enabled ?? current.enabled;
    const settings = changes.settings ?? current.settings;
    if (enabled && (!current.enabled || this.settings.connectionChanged(current.type, current.settings, settings))) {
      changes.settings = await this.connector.connect(current.type, id, settings);
    }
    const inbox = await this.inboxes.update(id, (locked) => {
      if (changes.settings && !isDeepStrictEqual(locked.settings, current.settings)) {
        throw new DomainException(ErrorCode.Conflict, { params: { reason: 'the inbox settings changed at the same time; load the inbox again and repeat the change' } });
      }
      return changes;
    });
    if (!inbox) throw notFound('entity.inbox', id);
    if (current.enabled && !inbox.enabled) await this.connector.disconnect(current);
    await this.events.emit({ name: 'inbox.changed', data: { inboxId: id } });
    return this.view(inbox);
  }

  async delete(id: string): Promise<void> {
    const inbox = await this.findOrThrow(id);
    if (inbox.enabled) await this.connector.disconnect(inbox);
    if (!(await this.inboxes.delete(id))) throw notFound('entity.inbox', id);
    await this.events.emit({ name: 'inbox.changed', data: { inboxId: id } });
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
  /**
   * An inbox row's settings with secrets decrypted, for a caller that has read the row already. Decrypted
   * once per row as read: every webhook and delivery of an inbox gets the cached row (findForWebhook), and
   * decrypting its secrets each time cost a few percent of a message's CPU. Treat the answer as read-only.
   */
  settingsOf(inbox: Inbox): Record<string, unknown> {
    const stored = inbox.settings as object;
    let revealed = this.revealed.get(stored);
    if (!revealed) {
      revealed = this.settings.reveal(inbox.type, inbox.settings) as Record<string, unknown>;
      this.revealed.set(stored, revealed);
    }
    return revealed;
  }

  async getDecryptedSettings<T extends InboxType = InboxType>(inboxId: string, expectedType?: T): Promise<InboxSettingsByType[T]> {
    const inbox = await this.findOrThrow(inboxId);
    if (expectedType && inbox.type !== expectedType) {
      throw new Error(`Inbox ${inboxId} is of type ${inbox.type}, not ${expectedType}`);
    }
    return this.settings.reveal(inbox.type, inbox.settings) as InboxSettingsByType[T];
  }

  /**
   * For webhooks and deliveries, which read the inbox on every message: a cached read (see
   * InboxesRepository.findForWebhook), dropped in every process when the inbox changes.
   */
  async findForWebhook(id: string): Promise<Inbox> {
    const inbox = await this.inboxes.findForWebhook(id);
    if (!inbox) throw notFound('entity.inbox', id);
    return inbox;
  }

  async findOrThrow(id: string): Promise<Inbox> {
    const inbox = await this.inboxes.findById(id);
    if (!inbox) throw notFound('entity.inbox', id);
    return inbox;
  }

  private view(inbox: Inbox): InboxView {
    return toInboxView(inbox, this.settings.redact(inbox.type, inbox.settings), this.runtime.publicUrl);
  }
}
