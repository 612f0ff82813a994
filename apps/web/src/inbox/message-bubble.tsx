import { useState } from 'react';
import { en, type MessageKey, type MessageParams } from '@app/i18n';
import type { Activity, Attachment, Message, TimelineEntry } from '../api/types.js';
import { useApp, type Translate } from '../app-context.js';
import { formatClock, formatDateTime } from '../format.js';
import { useWorkspace } from '../workspace.js';
import { Icon } from '../ui/icons.js';
import { deliveryTick, isImage, type Tick } from './thread-state.js';

function TickGlyph({ tick }: { tick: Exclude<Tick, null> }) {
  if (tick === 'queued') return <Icon name="clock" size={12} />;
  if (tick === 'failed') return <Icon name="alert" size={12} />;
  return (
    <span className="tick__checks">
      <Icon name="check" size={12} />
      {tick !== 'sent' ? <Icon name="check" size={12} /> : null}
    </span>
  );
}

/** A system line in the reader's language, from the key and parameters the server stored with it. */
function systemText(message: Message, t: Translate, locale: 'ru' | 'en'): string {
  const key = message.contentAttributes.i18nKey;
  if (typeof key === 'string' && key in en) {
    const params = { ...((message.contentAttributes.i18nParams as MessageParams | undefined) ?? {}) };
    if (typeof params.until === 'string') params.until = formatDateTime(params.until, locale);
    if (params.actor === undefined || params.actor === null) params.actor = t('system.actor_system');
    return t(key as MessageKey, params);
  }
  return message.content ?? '';
}

function FileLink({ attachment }: { attachment: Attachment }) {
  const { t } = useApp();
  return (
    <a href={attachment.url ?? undefined} target="_blank" rel="noreferrer noopener" className="attachment">
      <Icon name="clip" size={13} /> {attachment.fileName || t('ui.thread.file')}
    </a>
  );
}

/** An image previewed inline; one that cannot be loaded becomes a plain link to the file. */
function ImagePreview({ attachment }: { attachment: Attachment }) {
  const [broken, setBroken] = useState(false);
  if (broken) return <FileLink attachment={attachment} />;
  return (
    <a href={attachment.url ?? undefined} target="_blank" rel="noreferrer noopener" className="attachment attachment--image">
      <img src={attachment.url ?? undefined} alt={attachment.fileName} loading="lazy" onError={() => setBroken(true)} />
    </a>
  );
}

function Attachments({ items }: { items: Attachment[] }) {
  if (!items.length) return null;
  return (
    <div className="attachments">
      {items.map((a) => (a.url && isImage(a.contentType, a.url) ? <ImagePreview key={a.id} attachment={a} /> : <FileLink key={a.id} attachment={a} />))}
    </div>
  );
}

function ActivityCard({ activity }: { activity: Activity }) {
  const { t, locale } = useApp();
  return (
    <div className="activity-line">
      <span className="activity-line__type">{t(activityTypeKey(activity.type))}</span>
      <span>{activity.subject}</span>
      {activity.dueAt ? <span className="muted">· {formatDateTime(activity.dueAt, locale)}</span> : null}
      {activity.done ? <span className="chip chip--done">{t('ui.activity.done')}</span> : null}
    </div>
  );
}

export function activityTypeKey(type: string): MessageKey {
  const known = ['call', 'meeting', 'email', 'task', 'note'];
  return (known.includes(type) ? `ui.activity.type.${type}` : 'ui.activity.type.note') as MessageKey;
}

export function TimelineItem({ entry, contactName, onRetry }: { entry: TimelineEntry; contactName: string; onRetry(m: Message): void }) {
  const { t, locale } = useApp();
  const { userName } = useWorkspace();
  if (entry.kind === 'activity') return <ActivityCard activity={entry.activity} />;
  const m = entry.message;
  if (m.messageType === 'system') {
    return (
      <div className="system-line" data-message-id={m.id}>
        <span>{systemText(m, t, locale)}</span>
        <time className="muted">{formatClock(m.createdAt, locale)}</time>
      </div>
    );
  }
  const tick = deliveryTick(m);
  const author = m.messageType === 'incoming' ? contactName : m.senderType === 'bot' ? t('ui.thread.bot') : userName(m.senderId) || t('ui.thread.agent');
  return (
    <article
      className={`bubble bubble--${m.messageType}${m.senderType === 'bot' ? ' bubble--bot' : ''}`}
      data-message-id={m.id}
      data-sender-type={m.senderType}
      aria-label={m.messageType === 'note' ? t('ui.thread.private_note') : author}
    >
      <header className="bubble__author">
        {m.messageType === 'note' ? <span className="chip chip--note">{t('ui.thread.private_note')}</span> : null}
        {m.senderType === 'bot' ? (
          <span className="bots-mark" title={t('ui.bots.sent_by_bot')}>
            <Icon name="bot" size={12} />
          </span>
        ) : null}
        {author}
      </header>
      {m.content ? <p className="bubble__text">{m.content}</p> : null}
      {typeof m.contentAttributes.html === 'string' ? <EmailHtml html={m.contentAttributes.html} /> : null}
      <Attachments items={m.attachments} />
      <footer className="bubble__meta">
        <time dateTime={m.createdAt}>{formatClock(m.createdAt, locale)}</time>
        {tick ? (
          <span className={`tick tick--${tick}`} data-status={tick} title={t(`ui.tick.${tick}`)} aria-label={t(`ui.tick.${tick}`)}>
            <TickGlyph tick={tick} /> <span className="tick__text">{t(`ui.tick.${tick}`)}</span>
          </span>
        ) : null}
      </footer>
      {tick === 'failed' ? (
        <div className="bubble__failed" role="alert">
          <span>{m.error || t('ui.thread.failed')}</span>
          <button type="button" className="btn btn--small" onClick={() => onRetry(m)}>
            {t('ui.thread.retry')}
          </button>
        </div>
      ) : null}
    </article>
  );
}

/**
 * The formatted body of an e-mail. The server has already sanitized it; it is still shown in a
 * sandboxed frame without scripts or same-origin rights, so nothing in it can reach the app.
 */
function EmailHtml({ html }: { html: string }) {
  const { t } = useApp();
  const [open, setOpen] = useState(false);
  return (
    <div className="bubble__html">
      <button type="button" className="btn btn--small btn--ghost" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? t('ui.thread.hide_html') : t('ui.thread.show_html')}
      </button>
      {open ? <iframe className="bubble__frame" sandbox="" referrerPolicy="no-referrer" title={t('ui.thread.show_html')} srcDoc={html} /> : null}
    </div>
  );
}
