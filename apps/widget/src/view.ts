import { h, linkified, textColorOn } from './dom.js';
import type { Translate, WidgetLocale } from './i18n.js';
import type { VisitorMessage, WidgetConfig } from './protocol.js';
import type { ContactDraft, PendingMessage } from './store.js';
import { styles } from './styles.js';

export type ThreadItem =
  | { kind: 'message'; message: VisitorMessage }
  | { kind: 'pending'; pending: PendingMessage }
  | { kind: 'failed'; pending: PendingMessage; reason: string };

export type ConnectionStatus = 'online' | 'connecting' | 'refused';

export interface ViewHandlers {
  toggle(): void;
  send(text: string): void;
  typing(): void;
  submitContact(draft: ContactDraft): void;
  skipContact(): void;
}

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.8A8 8 0 1 1 21 12z"/></svg>';
const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>';

/** The widget's DOM inside its shadow root: a launcher and the chat window. Knows nothing of the network. */
export class WidgetView {
  private readonly root = h('div', { class: 'root', part: 'root' });
  private readonly launcher = h('button', { class: 'launcher', type: 'button' });
  private readonly badge = h('span', { class: 'badge', hidden: true });
  private readonly window = h('section', { class: 'window', role: 'dialog', hidden: true });
  private readonly title = h('div', { class: 'title' });
  private readonly subtitle = h('div', { class: 'subtitle', hidden: true });
  private readonly status = h('div', { class: 'status', role: 'status', hidden: true });
  private readonly thread = h('div', { class: 'thread', 'aria-live': 'polite' });
  private readonly typingLine = h('div', { class: 'typing', hidden: true });
  private readonly contactForm = h('form', { class: 'contact', novalidate: true, hidden: true });
  private readonly contactHint = h('div', { class: 'hint' });
  private readonly nameInput = h('input', { name: 'name', autocomplete: 'name', maxlength: '200' });
  private readonly emailInput = h('input', { name: 'email', type: 'email', autocomplete: 'email', maxlength: '320' });
  private readonly contactError = h('div', { class: 'error', role: 'alert', hidden: true });
  private readonly skipButton = h('button', { class: 'secondary', type: 'button' });
  private readonly savedNote = h('div', { class: 'saved', hidden: true });
  private readonly composer = h('form', { class: 'composer' });
  private readonly input = h('textarea', { rows: '1', name: 'message' });
  private readonly sendButton = h('button', { class: 'primary', type: 'submit' });
  private greeting: string | null = null;
  private timeFormat: Intl.DateTimeFormat;

  constructor(
    host: HTMLElement,
    private readonly t: Translate,
    locale: WidgetLocale,
    private readonly handlers: ViewHandlers,
  ) {
    this.timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(h('style', {}, styles), this.root);
    this.build();
  }

  applyConfig(config: WidgetConfig) {
    const accent = config.color ?? '#2f6fed';
    this.root.style.setProperty('--accent', accent);
    this.root.style.setProperty('--on-accent', textColorOn(accent));
    this.title.textContent = config.name || this.t('widget.header.title');
    this.window.setAttribute('aria-label', this.title.textContent);
    this.subtitle.textContent = config.workingHoursMessage ?? '';
    this.subtitle.hidden = !config.workingHoursMessage;
    this.greeting = config.greeting;
    this.input.maxLength = config.maxTextLength;
  }

  setOpen(open: boolean) {
    this.window.hidden = !open;
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', this.t(open ? 'widget.launcher.close' : 'widget.launcher.open'));
    this.launcher.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    this.launcher.append(this.badge);
    if (open) {
      this.setUnread(0);
      this.scrollToEnd();
      if (!this.composer.hidden) this.input.focus();
    }
  }

  setStatus(status: ConnectionStatus, reason?: string) {
    this.root.dataset.state = status;
    this.status.classList.toggle('refused', status === 'refused');
    this.status.hidden = status === 'online';
    this.status.textContent = status === 'connecting' ? this.t('widget.status.connecting') : status === 'refused' ? (reason ?? '') : '';
    const refused = status === 'refused';
    this.input.disabled = refused;
    this.sendButton.disabled = refused;
  }

  /** Offline with messages waiting: say they will go out by themselves. */
  setOfflineQueue(waiting: boolean) {
    if (this.root.dataset.state === 'connecting') {
      this.status.textContent = this.t(waiting ? 'widget.status.offline' : 'widget.status.connecting');
    }
  }

  renderThread(items: readonly ThreadItem[]) {
    const children: HTMLElement[] = [];
    if (this.greeting) children.push(h('div', { class: 'bubble agent greeting' }, linkified(this.greeting)));
    for (const item of items) children.push(this.bubble(item));
    this.thread.replaceChildren(...children);
    this.scrollToEnd();
  }

  setAgentTyping(typing: boolean) {
    this.typingLine.hidden = !typing;
    if (typing) this.scrollToEnd();
  }

  /** `before` replaces the composer until the form is done; `after` shows it above the composer. */
  setContactStage(stage: 'hidden' | 'before' | 'after', required: boolean) {
    this.contactForm.hidden = stage === 'hidden';
    this.composer.hidden = stage === 'before';
    this.contactHint.textContent = this.t(required ? 'widget.contact.titleRequired' : 'widget.contact.title');
    this.skipButton.hidden = required;
    if (stage !== 'hidden') this.savedNote.hidden = true;
  }

  showContactError(message: string | null) {
    this.contactError.textContent = message ?? '';
    this.contactError.hidden = !message;
  }

  showContactSaved() {
    this.savedNote.hidden = false;
    this.contactForm.hidden = true;
    this.composer.hidden = false;
  }

  setUnread(count: number) {
    this.badge.hidden = count === 0;
    this.badge.textContent = String(count);
  }

  private build() {
    this.launcher.addEventListener('click', () => this.handlers.toggle());
    const close = h('button', { class: 'close', type: 'button', 'aria-label': this.t('widget.header.close') });
    close.innerHTML = CLOSE_ICON.replace('<svg ', '<svg width="18" height="18" ');
    close.addEventListener('click', () => this.handlers.toggle());
    const header = h('div', { class: 'header' }, h('div', { class: 'titles' }, this.title, this.subtitle), close);

    this.typingLine.textContent = this.t('widget.typing');
    this.nameInput.placeholder = this.t('widget.contact.name');
    this.nameInput.setAttribute('aria-label', this.t('widget.contact.name'));
    this.emailInput.placeholder = this.t('widget.contact.email');
    this.emailInput.setAttribute('aria-label', this.t('widget.contact.email'));
    this.skipButton.textContent = this.t('widget.contact.skip');
    this.skipButton.addEventListener('click', () => this.handlers.skipContact());
    this.savedNote.textContent = this.t('widget.contact.saved');
    const save = h('button', { class: 'primary', type: 'submit' }, this.t('widget.contact.submit'));
    this.contactForm.append(this.contactHint, this.nameInput, this.emailInput, this.contactError, h('div', { class: 'actions' }, this.skipButton, save));
    this.contactForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.handlers.submitContact({ name: this.nameInput.value, email: this.emailInput.value });
    });

    this.input.placeholder = this.t('widget.input.placeholder');
    this.input.setAttribute('aria-label', this.t('widget.input.placeholder'));
    this.sendButton.textContent = this.t('widget.input.send');
    this.composer.append(this.input, this.sendButton);
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitMessage();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitMessage();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      this.handlers.typing();
    });

    this.window.append(header, this.status, this.thread, this.typingLine, this.savedNote, this.contactForm, this.composer);
    this.root.append(this.window, this.launcher);
    this.setOpen(false);
  }

  private submitMessage() {
    const text = this.input.value.trim();
    if (!text || this.input.disabled) return;
    this.input.value = '';
    this.autosize();
    this.handlers.send(text);
  }

  private autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  private bubble(item: ThreadItem): HTMLElement {
    if (item.kind === 'message') {
      const { message } = item;
      const bubble = h('div', { class: `bubble ${message.from}`, 'data-id': message.id }, linkified(message.text ?? ''));
      for (const attachment of message.attachments) {
        bubble.append(
          attachment.url
            ? h('a', { class: 'attachment', href: attachment.url, target: '_blank', rel: 'noopener noreferrer' }, `📎 ${attachment.fileName}`)
            : h('span', { class: 'attachment' }, `📎 ${attachment.fileName}`),
        );
      }
      bubble.append(h('span', { class: 'meta' }, this.timeFormat.format(new Date(message.createdAt))));
      const buttons = (message.buttons ?? []).flat();
      if (buttons.length === 0) return bubble;
      const answers = h('div', { class: 'quick-answers' });
      for (const button of buttons) {
        if (button.url) {
          answers.append(h('a', { class: 'quick-answer', href: button.url, target: '_blank', rel: 'noopener noreferrer' }, button.text));
          continue;
        }
        const answer = h('button', { class: 'quick-answer', type: 'button' }, button.text);
        answer.addEventListener('click', () => {
          if (!this.input.disabled) this.handlers.send(button.text);
        });
        answers.append(answer);
      }
      return h('div', { class: 'with-answers' }, bubble, answers);
    }
    const note = item.kind === 'pending' ? this.t('widget.message.sending') : this.t('widget.message.failed', { reason: item.reason });
    return h(
      'div',
      { class: `bubble visitor ${item.kind}`, 'data-client-id': item.pending.clientId },
      linkified(item.pending.text),
      h('span', { class: 'meta' }, note),
    );
  }

  private scrollToEnd() {
    this.thread.scrollTop = this.thread.scrollHeight;
  }
}
