import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChannelConfigError, ChannelError, type ChannelAdapter, type ConnectContext } from '@channel-adapters/core';
import { DomainException, ErrorCode, requestContext } from '@app/common';
import type { Inbox, InboxType } from '@app/db';
import { en, t, type MessageKey } from '@app/i18n';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { InboxSettingsService } from '../inbox-settings.service.js';
import { publicWebhookUrlOf } from '../inbox-view.js';
import type { Settings } from '../settings/settings-paths.js';

/**
 * Connects an inbox to its channel (checks the credentials, registers the webhook) before its settings
 * are saved, and disconnects it when it is switched off or deleted.
 */
@Injectable()
export class ChannelConnector {
  private readonly logger = new Logger('ChannelConnector');

  constructor(
    private readonly settings: InboxSettingsService,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
  ) {}

  /**
   * Answers the settings to store: `stored` with what the channel answered merged in. Throws 400
   * channel_config_invalid with the channel's reason when it refuses; nothing is saved then.
   */
  async connect(type: InboxType, inboxId: string, stored: Settings): Promise<Settings> {
    const adapter = this.adapterOf(type);
    if (!adapter?.connect) return stored;
    const context: ConnectContext = {
      inboxId,
      settings: this.settings.reveal(type, stored),
      publicUrl: this.runtime.publicUrl,
      webhookUrl: publicWebhookUrlOf(this.runtime.publicUrl, inboxId),
    };
    try {
      const result = await adapter.connect(context);
      return await this.settings.withConnected(type, stored, result.settings ?? {});
    } catch (error) {
      if (error instanceof ChannelConfigError || error instanceof ChannelError) throw configInvalid(error);
      throw error;
    }
  }

  /** Best effort: a channel that cannot be reached now must not keep an inbox from being switched off or deleted. */
  async disconnect(inbox: Inbox): Promise<void> {
    const adapter = this.adapterOf(inbox.type);
    if (!adapter?.disconnect) return;
    try {
      await adapter.disconnect({ inboxId: inbox.id, settings: this.settings.reveal(inbox.type, inbox.settings), publicUrl: this.runtime.publicUrl });
    } catch (error) {
      this.logger.warn(`Disconnecting inbox ${inbox.id} from its channel failed: ${error instanceof ChannelError ? error.reason : (error as Error).message}`);
    }
  }

  private adapterOf(type: InboxType): ChannelAdapter | undefined {
    return this.adapters.has(type) ? this.adapters.get(type) : undefined;
  }
}

/**
 * The channel's reason in the administrator's language where the channel names it by catalog key, and
 * beside the settings field to correct where the channel names one, so a form can show it there.
 */
function configInvalid(error: ChannelConfigError | ChannelError): DomainException {
  const reasonKey = error.reasonKey && error.reasonKey in en ? (error.reasonKey as MessageKey) : undefined;
  const field = error instanceof ChannelConfigError && error.field ? `settings.${error.field}` : 'settings';
  const reason = reasonKey ? t(reasonKey, {}, requestContext.locale()) : error.reason;
  return new DomainException(ErrorCode.ChannelConfigInvalid, {
    params: { reason: reasonKey ?? error.reason },
    details: { field, reason },
    ...(field !== 'settings' ? { errors: [{ field, message: reason }] } : {}),
  });
}
