import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error.js';
import { useApp } from '../app-context.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
}

interface TextProps extends FieldProps {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'email' | 'number' | 'url' | 'date' | 'time' | 'datetime-local' | 'color';
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
  autoFocus?: boolean;
}

export function TextField({ label, error, hint, value, onChange, type = 'text', placeholder, multiline, rows = 4, autoFocus }: TextProps) {
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? (
        <textarea className="input settings__textarea" rows={rows} value={value} placeholder={placeholder} aria-invalid={Boolean(error)} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} />
      ) : (
        <input className="input" type={type} value={value} placeholder={placeholder} aria-invalid={Boolean(error)} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} />
      )}
      {hint ? <small className="muted">{hint}</small> : null}
      <FieldError message={error} />
    </label>
  );
}

/** A secret the server never sends back: empty keeps the stored value. */
export function SecretField({ isSet, ...props }: TextProps & { isSet: boolean }) {
  const { t } = useApp();
  return <TextField {...props} type="password" placeholder={isSet ? t('ui.settings.secret_set') : props.placeholder} />;
}

interface SelectProps<V extends string> extends FieldProps {
  value: V;
  options: ReadonlyArray<{ value: NoInfer<V>; label: string }>;
  onChange(value: NoInfer<V>): void;
}

export function SelectField<V extends string>({ label, error, hint, value, options, onChange }: SelectProps<V>) {
  return (
    <label className="field">
      <span>{label}</span>
      <select className="input" value={value} aria-invalid={Boolean(error)} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <small className="muted">{hint}</small> : null}
      <FieldError message={error} />
    </label>
  );
}

export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="settings__check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

export function FormNotice({ message }: { message: string | null }) {
  return message ? <p className="notice notice--error">{message}</p> : null;
}

export function SectionHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-head settings__head">
      <h1>{title}</h1>
      <span className="settings__head-actions">{children}</span>
    </header>
  );
}

export function BackLink({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="btn btn--ghost settings__back" onClick={onClick}>
      ← {label}
    </button>
  );
}

/**
 * A form's save: clears the old errors, places the 400's field errors next to the fields,
 * and says how it went in a toast (a failure without field errors; a success always).
 */
export function useSave(fields: readonly string[]) {
  const { t, notify } = useApp();
  const { errors, fail, clear } = useFormErrors(fields);
  const [busy, setBusy] = useState(false);
  const save = useCallback(
    async <T,>(action: () => Promise<T>, done?: (result: T) => void, failed?: (error: unknown) => void): Promise<boolean> => {
      clear();
      setBusy(true);
      try {
        const result = await action();
        notify(t('ui.settings.saved'));
        done?.(result);
        return true;
      } catch (error) {
        fail(error);
        failed?.(error);
        // Field errors stand next to their fields; a toast over the form would only hide its buttons.
        if (!(error instanceof ApiError && error.fieldErrors.length > 0)) notify(error instanceof ApiError ? error.message : t('ui.error.generic'), 'error');
        return false;
      } finally {
        setBusy(false);
      }
    },
    [clear, fail, notify, t],
  );
  return { errors, save, busy, clear };
}

/**
 * The 400's field errors whose path matches, by their exact path ("actions.0.url"): for rows of a
 * list, which the form's field mapping folds into the list's one field.
 */
export function rowFieldErrors(error: unknown, path: RegExp): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldErrors.filter((f) => path.test(f.field)).map((f) => [f.field, f.message]));
}

/** Runs a one-off action (delete, revoke, toggle) with a toast for either outcome. */
export function useAction() {
  const { t, notify } = useApp();
  return useCallback(
    async (action: () => Promise<unknown>, successText = t('ui.settings.saved')): Promise<boolean> => {
      try {
        await action();
        notify(successText);
        return true;
      } catch (error) {
        notify(error instanceof ApiError ? error.message : t('ui.error.generic'), 'error');
        return false;
      }
    },
    [notify, t],
  );
}

/** Loads data for a screen; reload() fetches it again after a change. */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  const reload = useCallback(() => {
    const mine = ++ticket.current;
    load()
      .then((value) => {
        if (mine !== ticket.current) return;
        setData(value);
        setError(null);
      })
      .catch((caught) => {
        if (mine === ticket.current) setError(caught instanceof ApiError ? caught.message : String(caught));
      });
  }, deps);
  useEffect(reload, [reload]);
  return { data, error, reload, setData };
}

/** A list of people to pick from with checkboxes (inbox and team members). */
export function MemberChecklist({ people, selected, onChange }: { people: Array<{ id: string; name: string; email: string }>; selected: ReadonlySet<string>; onChange(next: Set<string>): void }) {
  return (
    <ul className="settings__checklist">
      {people.map((p) => (
        <li key={p.id}>
          <CheckField
            label={`${p.name} · ${p.email}`}
            checked={selected.has(p.id)}
            onChange={(on) => {
              const next = new Set(selected);
              if (on) next.add(p.id);
              else next.delete(p.id);
              onChange(next);
            }}
          />
        </li>
      ))}
    </ul>
  );
}

/** Makes a new signing secret and shows it this once; the old one stops working. */
export function RotateSecret({ rotate }: { rotate(): Promise<{ webhookSecret?: string }> }) {
  const { t } = useApp();
  const act = useAction();
  const [secret, setSecret] = useState<string | null>(null);
  const run = async () => {
    if (!window.confirm(t('ui.settings.secret.rotate_confirm'))) return;
    await act(async () => setSecret((await rotate()).webhookSecret ?? null), t('ui.settings.secret.rotated'));
  };
  return (
    <div className="field">
      <span>{t('ui.settings.secret.title')}</span>
      {secret ? (
        <>
          <code className="settings__code" data-testid="revealed-secret">
            {secret}
          </code>
          <small className="muted">{t('ui.settings.shown_once')}</small>
        </>
      ) : (
        <button type="button" className="btn btn--small settings__rotate" onClick={() => void run()}>
          {t('ui.settings.secret.rotate')}
        </button>
      )}
    </div>
  );
}

/** The buttons under a form: delete on the left when offered, the submit button on the right. */
export function FormActions({ label, busy, onDelete, children }: { label: string; busy?: boolean; onDelete?(): void; children?: ReactNode }) {
  const { t } = useApp();
  return (
    <div className="form__actions">
      {onDelete ? (
        <button type="button" className="btn settings__danger" onClick={onDelete}>
          {t('ui.settings.delete')}
        </button>
      ) : null}
      {children}
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {label}
      </button>
    </div>
  );
}

/** A list row that opens an item of a settings section. */
export function SettingsLink({ section, id, className = 'row settings__row', children }: { section: string; id: string; className?: string; children: ReactNode }) {
  const { navigate } = useApp();
  return (
    <a
      className={className}
      href={`/settings/${section}/${id}`}
      onClick={(e) => {
        e.preventDefault();
        navigate({ page: 'settings', section, id });
      }}
    >
      {children}
    </a>
  );
}
