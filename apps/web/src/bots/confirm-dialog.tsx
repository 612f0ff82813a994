import { useEffect, useRef } from 'react';
import { useApp } from '../app-context.js';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before something that cannot be undone; Escape or a click outside says no. */
export function ConfirmDialog({ title, text, confirmLabel, busy, onConfirm, onCancel }: Props) {
  const { t } = useApp();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onClick={onCancel} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <section className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="bots-confirm-title" onClick={(e) => e.stopPropagation()}>
        <header className="dialog__head">
          <h2 id="bots-confirm-title">{title}</h2>
        </header>
        <p className="bots-confirm__text">{text}</p>
        <div className="form__actions">
          <button ref={cancelRef} type="button" className="btn" onClick={onCancel}>
            {t('ui.action.cancel')}
          </button>
          <button type="button" className="btn bots-btn--danger" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </section>
    </div>
  );
}
