import { useState } from 'react';
import type { User } from '../api/types.js';
import { useApp } from '../app-context.js';
import { Spinner } from '../ui/bits.js';
import { FormActions, FormNotice, MemberChecklist, useLoaded, useSave } from './form-bits.js';
import { allItems } from './settings-api.js';

interface Props {
  /** The ids of the current members. */
  load(): Promise<string[]>;
  /** Makes exactly these users the members. */
  save(userIds: string[]): Promise<unknown>;
}

/** Who works in an inbox or a team: every active user with a checkbox. */
export function MembersEditor({ load, save: store }: Props) {
  const { t, me } = useApp();
  const people = useLoaded(() => allItems<User>('/users', { active: 'true' }), []);
  const current = useLoaded(async () => new Set(await load()), []);
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const { errors, save, busy } = useSave(['userIds']);
  const chosen = selected ?? current.data;
  if (people.error || current.error) return <p className="notice notice--error">{people.error ?? current.error}</p>;
  if (!people.data || !chosen) return <Spinner label={t('ui.loading')} />;
  const canEdit = me?.role === 'admin' || me?.role === 'supervisor';
  return (
    <form
      className="form card settings__card"
      onSubmit={(e) => {
        e.preventDefault();
        void save(() => store([...chosen]));
      }}
    >
      <h3 className="card__label">{t('ui.settings.members.title', { n: chosen.size })}</h3>
      <FormNotice message={errors.form ?? errors.fields.userIds ?? null} />
      <MemberChecklist people={people.data} selected={chosen} onChange={setSelected} />
      {canEdit ? (
        <FormActions busy={busy} label={t('ui.action.save')} />
      ) : null}
    </form>
  );
}
