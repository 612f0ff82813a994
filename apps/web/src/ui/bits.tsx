import type { ReactNode } from 'react';
import type { ChannelType } from '../api/types.js';
import { initials } from '../format.js';
import { Icon, type IconName } from './icons.js';

const CHANNEL_ICON: Record<string, IconName> = {
  api: 'plug',
  webchat: 'chat',
  telegram: 'plane',
  vk: 'vk',
  email: 'mail',
  sms: 'sms',
  telephony: 'phone',
};

/** A small coloured badge naming the channel a conversation came through. */
export function ChannelIcon({ type, title }: { type: ChannelType | undefined; title?: string }) {
  const kind = type ?? 'api';
  return (
    <span className={`channel channel--${kind}`} title={title ?? kind} aria-label={title ?? kind} role="img">
      <Icon name={CHANNEL_ICON[kind] ?? 'chat'} size={11} />
    </span>
  );
}

export function Avatar({ name, size = 'md', online }: { name: string | null | undefined; size?: 'sm' | 'md' | 'lg'; online?: boolean }) {
  let hash = 0;
  for (const ch of name ?? '') hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return (
    <span className={`avatar avatar--${size}`} style={{ background: `hsl(${hash} 55% 45%)` }} aria-hidden="true">
      {initials(name)}
      {online !== undefined ? <span className={online ? 'presence presence--on' : 'presence'} /> : null}
    </span>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Spinner({ label }: { label: string }) {
  return (
    <div className="spinner" role="status" aria-live="polite">
      <span className="spinner__dot" />
      {label}
    </div>
  );
}

export function FieldError({ message, id }: { message: string | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  );
}
