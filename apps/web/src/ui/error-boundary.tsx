import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '@app/i18n';
import type { Locale } from '../api/types.js';

interface Props {
  locale: Locale;
  children: ReactNode;
  /** A smaller message inside a pane instead of the whole screen. */
  inline?: boolean;
}

/** Never a blank page or a stack trace: a friendly message and a way back. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Omnibox UI error', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const { locale, inline } = this.props;
    return (
      <div className={inline ? 'crash crash--inline' : 'crash'} role="alert">
        <h2>{t('ui.crash.title', {}, locale)}</h2>
        <p>{t('ui.crash.text', {}, locale)}</p>
        <div className="crash__actions">
          <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
            {t('ui.crash.reload', {}, locale)}
          </button>
          {inline ? (
            <button type="button" className="btn" onClick={() => this.setState({ failed: false })}>
              {t('ui.crash.retry', {}, locale)}
            </button>
          ) : null}
        </div>
      </div>
    );
  }
}
