import { Connection } from './connection.js';
import { contactFormStage, validateContact } from './contact.js';
import { pickLocale, translator, type Translate } from './i18n.js';
import { Outbox, type SendOutcome } from './outbox.js';
import { DEFAULT_CONFIG, type VisitorAck, type VisitorError, type VisitorMessage, type VisitorReady, type WidgetConfig } from './protocol.js';
import type { ContactDraft, KeyValueStorage, PendingMessage } from './store.js';
import { WidgetStore } from './store.js';
import { threadItems, withMessage } from './thread.js';
import { WidgetView } from './view.js';

export interface WidgetOptions {
  host: HTMLElement;
  serverUrl: string;
  widgetToken: string;
  storage: KeyValueStorage | null;
  languages: readonly string[];
}

const TYPING_REPEAT_MS = 2500;
const TYPING_IDLE_MS = 3000;
/** An agent's typing indicator that never got its "stopped" goes away by itself. */
const AGENT_TYPING_TIMEOUT_MS = 6000;
const RETRY_DELAY_MS = 5000;

/** The widget's behaviour: the stored state, the connection and the view, tied together. */
export class Widget {
  private readonly store: WidgetStore;
  private readonly outbox: Outbox;
  private readonly connection: Connection;
  private view!: WidgetView;
  private t!: Translate;
  private config: WidgetConfig;
  private messages: VisitorMessage[];
  private failed: Array<{ pending: PendingMessage; reason: string }> = [];
  private contactKnown = false;
  private unread = 0;
  private refused = false;
  private typingSentAt = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WidgetOptions) {
    this.store = new WidgetStore(options.storage, `omnibox-webchat:${options.widgetToken}`);
    const state = this.store.get();
    this.config = state.config ?? DEFAULT_CONFIG;
    this.messages = state.history;
    this.outbox = new Outbox(this.store, {
      sent: (_pending, message) => this.addMessage(message),
      rejected: (pending, reason) => {
        this.failed.push({ pending, reason });
        this.render();
      },
    });
    this.connection = new Connection(
      {
        serverUrl: options.serverUrl,
        widgetToken: options.widgetToken,
        visitorToken: () => this.store.get().visitorToken,
        page: pageOf(options.languages),
      },
      {
        ready: (ready) => void this.onReady(ready),
        connecting: () => this.onConnecting(),
        refused: (error) => this.onRefused(error),
        message: (message) => this.onMessage(message),
        typing: (typing) => this.onAgentTyping(typing),
      },
    );
  }

  /** Asks the server for the widget's settings (its language among them), then draws it; offline, the last known settings do. */
  async start(loadConfig: () => Promise<WidgetConfig | VisitorError | null>) {
    const answer = await loadConfig();
    if (answer && !('code' in answer)) {
      this.config = answer;
      this.store.update({ config: answer });
    }
    this.mountView();
    if (answer && 'code' in answer) return this.onRefused(answer);
    const state = this.store.get();
    // A returning visitor, or one with messages waiting, connects at once; a new one when opening the chat.
    if (state.open || state.visitorToken || state.outbox.length > 0) this.connection.connect();
  }

  private mountView() {
    const locale = pickLocale(this.config.locale, this.options.languages);
    this.t = translator(locale);
    this.view = new WidgetView(this.options.host, this.t, locale, {
      toggle: () => this.toggle(),
      send: (text) => this.send(text),
      typing: () => this.visitorTyping(),
      submitContact: (draft) => this.submitContact(draft),
      skipContact: () => this.finishContact(),
    });
    this.view.applyConfig(this.config);
    this.view.setStatus('connecting');
    this.view.setOpen(this.store.get().open);
    this.render();
  }

  private useConfig(config: WidgetConfig) {
    this.config = config;
    this.store.update({ config });
    this.view.applyConfig(config);
    this.render();
  }

  private toggle() {
    const open = !this.store.get().open;
    this.store.update({ open });
    this.view.setOpen(open);
    if (open) {
      this.unread = 0;
      this.connection.connect();
    }
  }

  private async onReady(ready: VisitorReady) {
    this.refused = false;
    this.store.update({ visitorToken: ready.visitorToken });
    this.contactKnown = ready.contactKnown;
    this.useConfig(ready.config);
    this.view.setStatus('online');
    await this.sendPendingContact();
    const history = await this.connection.request<{ messages: VisitorMessage[] }>('history', {});
    if (history !== 'retry' && history.ok) {
      this.outbox.confirm(history.messages.map((m) => m.clientId).filter((id): id is string => Boolean(id)));
      this.messages = history.messages;
      this.store.update({ history: this.messages });
      this.render();
    }
    await this.flush();
  }

  private onConnecting() {
    if (this.refused) return;
    this.view.setStatus('connecting');
    this.view.setOfflineQueue(this.outbox.pending().length > 0);
  }

  private onRefused(error: VisitorError) {
    this.refused = true;
    this.view.setStatus('refused', this.refusalText(error));
    console.warn(`[omnibox webchat] ${error.message}`);
  }

  private onMessage(message: VisitorMessage) {
    if (message.clientId) this.outbox.confirm([message.clientId]);
    const isNew = !this.messages.some((m) => m.id === message.id);
    this.addMessage(message);
    if (message.from === 'agent') {
      this.onAgentTyping(false);
      if (isNew && !this.store.get().open) this.view.setUnread(++this.unread);
    }
  }

  private onAgentTyping(typing: boolean) {
    clearTimeout(this.agentTypingTimer);
    this.view.setAgentTyping(typing);
    if (typing) this.agentTypingTimer = setTimeout(() => this.view.setAgentTyping(false), AGENT_TYPING_TIMEOUT_MS);
  }

  private send(text: string) {
    if (text.length > this.config.maxTextLength) {
      this.failed.push({ pending: { clientId: newClientId(), text, createdAt: new Date().toISOString() }, reason: this.t('widget.message.tooLong', { max: this.config.maxTextLength }) });
      return this.render();
    }
    this.outbox.add(text, newClientId());
    this.stopTyping();
    this.render();
    this.view.setOfflineQueue(true);
    this.connection.connect();
    void this.flush();
  }

  private async flush() {
    clearTimeout(this.retryTimer);
    const done = await this.outbox.flush((pending) => this.sendOne(pending));
    // A passing server error while connected: try again shortly rather than wait for a reconnect.
    if (!done && this.connection.connected) this.retryTimer = setTimeout(() => void this.flush(), RETRY_DELAY_MS);
  }

  private async sendOne(pending: PendingMessage): Promise<SendOutcome> {
    const answer = await this.connection.request<{ message: VisitorMessage }>('message.send', { clientId: pending.clientId, text: pending.text });
    if (answer === 'retry') return { kind: 'retry' };
    if (answer.ok) return { kind: 'sent', message: answer.message };
    if (answer.error.code === 'validation_failed') return { kind: 'rejected', reason: answer.error.errors?.[0]?.message ?? answer.error.message };
    return { kind: 'retry' };
  }

  private submitContact(draft: ContactDraft) {
    const checked = validateContact(draft, this.config.requireContactInfo);
    if (checked.error) return this.view.showContactError(this.t(checked.error));
    this.view.showContactError(null);
    this.store.update({ pendingContact: checked.draft });
    this.finishContact();
    this.view.showContactSaved();
    this.connection.connect();
    void this.sendPendingContact();
  }

  private finishContact() {
    this.store.update({ contactDone: true });
    this.render();
  }

  private async sendPendingContact() {
    const draft = this.store.get().pendingContact;
    if (!draft) return;
    const answer: VisitorAck | 'retry' = await this.connection.request('contact.update', draft);
    // Kept for the next connection unless the server took it or refused it for good.
    if (answer !== 'retry' && (answer.ok || answer.error.code === 'validation_failed')) this.store.update({ pendingContact: null });
  }

  private visitorTyping() {
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.connection.notify('typing', { typing: true });
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping() {
    clearTimeout(this.typingIdle);
    if (this.typingSentAt === 0) return;
    this.typingSentAt = 0;
    this.connection.notify('typing', { typing: false });
  }

  private addMessage(message: VisitorMessage) {
    this.messages = withMessage(this.messages, message);
    this.store.update({ history: this.messages });
    this.render();
  }

  private render() {
    const { contactDone, outbox } = this.store.get();
    const visitorHasWritten = outbox.length > 0 || this.messages.some((m) => m.from === 'visitor');
    this.view.setContactStage(contactFormStage(this.config.askContact, { contactDone, contactKnown: this.contactKnown, visitorHasWritten }), this.config.requireContactInfo);
    this.view.renderThread(threadItems(this.messages, outbox, this.failed));
  }

  private refusalText(error: VisitorError): string {
    if (error.code === 'widget_origin_not_allowed') return this.t('widget.refused.origin');
    if (error.code === 'inbox_disabled') return this.t('widget.refused.disabled');
    return this.t('widget.refused.unknown');
  }
}

function pageOf(languages: readonly string[]) {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  return { url: location.href, referrer: document.referrer || undefined, language: languages[0], timeZone };
}

/** Random without crypto.randomUUID, which plain-http sites do not have. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
