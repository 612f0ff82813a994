import { useState, type FormEvent } from 'react';
import { request } from './api/client.js';
import { ApiError } from './api/api-error.js';
import type { User } from './api/types.js';
import { useApp } from './app-context.js';
import { createSession } from './session.js';
import { LocaleSwitcher } from './shell.js';

export function LoginPage() {
  const { t, signIn, loginNotice, navigate } = useApp();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await request<{ accessToken: string; expiresIn: number; user: User }>('POST', '/auth/login', { email, password }, { auth: false });
      signIn(createSession(answer.accessToken, answer.user, answer.expiresIn ?? 43_200));
      const path = window.location.pathname;
      if (path === '/login') navigate({ page: 'inbox', conversationId: null, panel: false }, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('ui.error.generic'));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="login__brand">
          <span className="logo" aria-hidden="true" />
          <h1 id="login-title">{t('ui.login.title')}</h1>
        </div>
        <p className="login__lead">{t('ui.login.lead')}</p>
        {loginNotice ? (
          <p className="notice notice--warn" role="status">
            {t(loginNotice)}
          </p>
        ) : null}
        <label className="field">
          <span>{t('ui.login.email')}</span>
          <input type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('ui.login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={busy || !email || !password}>
          {busy ? t('ui.login.signing_in') : t('ui.login.submit')}
        </button>
        <div className="login__footer">
          <LocaleSwitcher />
        </div>
      </form>
    </main>
  );
}
