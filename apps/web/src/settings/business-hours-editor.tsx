import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { Spinner } from '../ui/bits.js';
import { draftToWeek, holidaysToText, textToHolidays, weekToDraft, type WeekDraft } from './business-hours.js';
import { CheckField, FormActions, FormNotice, TextField, useLoaded, useSave } from './form-bits.js';
import { put, WEEKDAYS, type BusinessHours } from './settings-api.js';

type HoursView = BusinessHours & { now: { open: boolean } };

const FIELDS = ['enabled', 'timeZone', ...WEEKDAYS.map((d) => `weekly.${d}`), 'weekly', 'holidays', 'autoReplyEnabled', 'autoReplyText'];

/** An inbox's opening hours: time zone, a line of intervals per weekday, holidays and the out-of-hours reply. */
export function BusinessHoursEditor({ inboxId }: { inboxId: string }) {
  const { t } = useApp();
  const { data, error, setData } = useLoaded(() => api.get<HoursView>(`/inboxes/${inboxId}/business-hours`), [inboxId]);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  return <HoursForm inboxId={inboxId} hours={data} onSaved={setData} />;
}

function HoursForm({ inboxId, hours, onSaved }: { inboxId: string; hours: HoursView; onSaved(hours: HoursView): void }) {
  const { t } = useApp();
  const [enabled, setEnabled] = useState(hours.enabled);
  const [timeZone, setTimeZone] = useState(hours.timeZone);
  const [week, setWeek] = useState<WeekDraft>(() => weekToDraft(hours.weekly));
  const [holidays, setHolidays] = useState(() => holidaysToText(hours.holidays));
  const [autoReplyEnabled, setAutoReplyEnabled] = useState(hours.autoReplyEnabled);
  const [autoReplyText, setAutoReplyText] = useState(hours.autoReplyText ?? '');
  const { errors, save, busy } = useSave(FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { enabled, timeZone, weekly: draftToWeek(week), holidays: textToHolidays(holidays), autoReplyEnabled, autoReplyText: autoReplyText.trim() || null };
    void save(() => put<HoursView>(`/inboxes/${inboxId}/business-hours`, body), onSaved);
  };

  return (
    <form className="form card settings__card" onSubmit={submit} noValidate>
      <p className="muted">{hours.enabled ? (hours.now.open ? t('ui.settings.hours.open_now') : t('ui.settings.hours.closed_now')) : t('ui.settings.hours.always_open')}</p>
      <FormNotice message={errors.form ?? errors.fields.weekly ?? null} />
      <CheckField label={t('ui.settings.hours.enabled')} checked={enabled} onChange={setEnabled} />
      <TextField label={t('ui.settings.hours.time_zone')} value={timeZone} onChange={setTimeZone} error={errors.fields.timeZone} placeholder="Europe/Moscow" />
      <div className="settings__week">
        {WEEKDAYS.map((day) => (
          <TextField key={day} label={t(`ui.settings.day.${day}`)} value={week[day]} onChange={(v) => setWeek({ ...week, [day]: v })} error={errors.fields[`weekly.${day}`]} placeholder={t('ui.settings.hours.closed')} />
        ))}
      </div>
      <p className="muted">{t('ui.settings.hours.intervals_hint')}</p>
      <TextField label={t('ui.settings.hours.holidays')} value={holidays} onChange={setHolidays} multiline rows={3} error={errors.fields.holidays} hint={t('ui.settings.hours.holidays_hint')} />
      <CheckField label={t('ui.settings.hours.auto_reply')} checked={autoReplyEnabled} onChange={setAutoReplyEnabled} />
      <TextField label={t('ui.settings.hours.auto_reply_text')} value={autoReplyText} onChange={setAutoReplyText} multiline rows={3} error={errors.fields.autoReplyText} hint={t('ui.settings.hours.auto_reply_hint')} />
      <FormActions busy={busy} label={t('ui.action.save')} />
    </form>
  );
}
