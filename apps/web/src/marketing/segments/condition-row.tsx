import type { MessageKey } from '@app/i18n';
import { useApp } from '../../app-context.js';
import { FieldError } from '../../ui/bits.js';
import { CHANNEL_TYPES } from '../../settings/settings-api.js';
import { emptyCondition, SEGMENT_FIELDS, visibleInputs, type ConditionDraft, type ConditionInput, type SegmentField } from './segment-conditions.js';

export interface ConditionChoices {
  inboxes: Array<{ id: string; name: string }>;
  stages: Array<{ value: string; label: string }>;
  companies: Array<{ id: string; name: string }>;
}

interface Props {
  index: number;
  row: ConditionDraft;
  choices: ConditionChoices;
  /** Errors by "<index>.<input>". */
  errors: Record<string, string>;
  disabled: boolean;
  onChange(row: ConditionDraft): void;
  onRemove(): void;
}

/** One condition of the segment editor: the field, then the inputs that field needs. */
export function ConditionRow({ index, row, choices, errors, disabled, onChange, onRemove }: Props) {
  const { t } = useApp();
  const rowError = errors[`${index}.field`];
  return (
    <div className="segments-condition" data-testid="segment-condition">
      <select
        className="input segments-condition__field"
        aria-label={t('ui.segments.condition_field')}
        value={row.field}
        disabled={disabled}
        onChange={(e) => onChange({ ...emptyCondition(e.target.value as SegmentField), key: row.key })}
      >
        {SEGMENT_FIELDS.map((field) => (
          <option key={field} value={field}>
            {t(`ui.segments.field.${field}`)}
          </option>
        ))}
      </select>
      {visibleInputs(row).map((input) => (
        <ConditionInputField
          key={input.name}
          input={input}
          value={row.values[input.name] ?? ''}
          choices={choices}
          error={errors[`${index}.${input.name}`]}
          disabled={disabled}
          onChange={(value) => onChange({ ...row, values: { ...row.values, [input.name]: value } })}
        />
      ))}
      {disabled ? null : (
        <button type="button" className="btn btn--ghost btn--small segments-condition__remove" aria-label={t('ui.segments.remove_condition')} title={t('ui.segments.remove_condition')} onClick={onRemove}>
          ×
        </button>
      )}
      {rowError ? (
        <div className="segments-condition__error">
          <FieldError message={rowError} />
        </div>
      ) : null}
    </div>
  );
}

interface InputProps {
  input: ConditionInput;
  value: string;
  choices: ConditionChoices;
  error: string | undefined;
  disabled: boolean;
  onChange(value: string): void;
}

function ConditionInputField({ input, value, choices, error, disabled, onChange }: InputProps) {
  const { t, locale } = useApp();
  const label = t(`ui.segments.input.${input.name}` as MessageKey);
  const common = { className: 'input', 'aria-label': label, 'aria-invalid': Boolean(error), disabled, value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  let control;
  if (input.kind === 'select') {
    control = (
      <select {...common}>
        {(input.options ?? []).map((option) => (
          <option key={option} value={option}>
            {t(`ui.segments.opt.${option}` as MessageKey)}
          </option>
        ))}
      </select>
    );
  } else if (input.kind === 'month') {
    const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, i, 1)).toLocaleDateString(locale, { month: 'long', timeZone: 'UTC' }));
    control = (
      <select {...common}>
        {months.map((name, i) => (
          <option key={name} value={String(i + 1)}>
            {name}
          </option>
        ))}
      </select>
    );
  } else if (input.kind === 'ref') {
    control = (
      <select {...common}>
        <option value="">—</option>
        {input.ref === 'targets' ? (
          <>
            <optgroup label={t('ui.segments.channel_types')}>
              {CHANNEL_TYPES.map((type) => (
                <option key={type} value={`type:${type}`}>
                  {t(`ui.settings.channel.${type}` as MessageKey)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('ui.segments.inboxes')}>
              {choices.inboxes.map((inbox) => (
                <option key={inbox.id} value={`inbox:${inbox.id}`}>
                  {inbox.name}
                </option>
              ))}
            </optgroup>
          </>
        ) : input.ref === 'stages' ? (
          choices.stages.map((stage) => (
            <option key={stage.value} value={stage.value}>
              {stage.label}
            </option>
          ))
        ) : (
          choices.companies.map((company) => (
            <option key={company.id} value={company.id}>
              {company.name}
            </option>
          ))
        )}
      </select>
    );
  } else {
    const type = input.kind === 'number' ? 'number' : input.kind === 'date' ? 'date' : 'text';
    const placeholder = input.name === 'values' || input.name === 'languages' || input.name === 'key' ? t(`ui.segments.placeholder.${input.name}`) : undefined;
    control = <input {...common} type={type} placeholder={placeholder} inputMode={input.kind === 'number' ? 'decimal' : undefined} />;
  }
  return (
    <label className="segments-condition__input">
      {control}
      <FieldError message={error} />
    </label>
  );
}
