import type { MessageKey } from '@app/i18n';
import { useApp } from '../app-context.js';
import { visibleFields, type ChannelDraft, type ChannelField } from './channel-fields.js';
import { CheckField, SecretField, SelectField, TextField } from './form-bits.js';

interface Props {
  type: string;
  draft: ChannelDraft;
  onChange(draft: ChannelDraft): void;
  /** Field errors by form field name ("settings.<path>"). */
  errors: Record<string, string>;
  /** Dot paths of the secrets already stored. */
  secretFields?: readonly string[];
}

/** The inputs of one inbox type's settings. */
export function ChannelSettingsFields({ type, draft, onChange, errors, secretFields = [] }: Props) {
  const { t } = useApp();
  const set = (path: string, value: string | boolean) => onChange({ ...draft, [path]: value });
  return (
    <fieldset className="settings__fieldset">
      {visibleFields(type, draft).map((field) => (
        <FieldInput key={field.path} field={field} value={draft[field.path]} error={errors[`settings.${field.path}`]} isSet={secretFields.includes(field.path)} onChange={(v) => set(field.path, v)} t={t} />
      ))}
    </fieldset>
  );
}

interface InputProps {
  field: ChannelField;
  value: string | boolean | undefined;
  error: string | undefined;
  isSet: boolean;
  onChange(value: string | boolean): void;
  t(key: MessageKey): string;
}

function FieldInput({ field, value, error, isSet, onChange, t }: InputProps) {
  const label = t(field.label);
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'bool':
      return <CheckField label={label} checked={Boolean(value)} onChange={onChange} />;
    case 'secret':
      return <SecretField label={label} value={text} onChange={onChange} error={error} isSet={isSet} />;
    case 'select':
      return <SelectField label={label} value={text} onChange={onChange} error={error} options={(field.options ?? []).map((o) => ({ value: o, label: o || '—' }))} />;
    case 'lines':
      return <TextField label={label} value={text} onChange={onChange} error={error} multiline rows={3} hint={t('ui.settings.one_per_line')} />;
    case 'textarea':
      return <TextField label={label} value={text} onChange={onChange} error={error} multiline rows={3} />;
    case 'color':
      return <TextField label={label} value={text} onChange={onChange} error={error} type="color" />;
    case 'number':
      return <TextField label={label} value={text} onChange={onChange} error={error} type="number" />;
    default:
      return <TextField label={label} value={text} onChange={onChange} error={error} />;
  }
}

/** The address to paste into the provider's settings, and for a web chat the line to add to the site. */
export function ConnectionHints({ type, webhookUrl, settings }: { type: string; webhookUrl: string; settings: Record<string, unknown> }) {
  const { t } = useApp();
  const origin = window.location.origin;
  const token = typeof settings.widgetToken === 'string' ? settings.widgetToken : null;
  return (
    <div className="settings__hints">
      {type !== 'webchat' ? (
        <div className="field">
          <span>{t('ui.settings.inbox.webhook_url')}</span>
          <code className="settings__code" data-testid="webhook-url">
            {origin + webhookUrl}
          </code>
          <small className="muted">{t('ui.settings.inbox.webhook_hint')}</small>
        </div>
      ) : null}
      {type === 'webchat' && token ? (
        <div className="field">
          <span>{t('ui.settings.inbox.embed')}</span>
          <code className="settings__code" data-testid="embed-snippet">{`<script src="${origin}/widget.js" data-token="${token}" async></script>`}</code>
          <small className="muted">{t('ui.settings.inbox.embed_hint')}</small>
        </div>
      ) : null}
    </div>
  );
}
