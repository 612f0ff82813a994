import { describe, expect, it } from 'vitest';
import { t } from '@app/i18n';
import { CONDITION_INPUTS, conditionErrors, emptyCondition, filterFromJson, filterToJson, SEGMENT_FIELDS, visibleInputs } from './segment-conditions.js';

const STAGE = '0193a0b2-0000-7000-8000-0000000000aa';
const INBOX = '0193a0b2-0000-7000-8000-000000000001';

describe('segment condition rows', () => {
  it('round-trips a stored filter through the editor rows', () => {
    const filter = {
      match: 'any',
      conditions: [
        { field: 'channel', inboxType: 'telegram' },
        { field: 'channel', inboxId: INBOX },
        { field: 'tag', op: 'any', values: ['ВИП', 'опт'] },
        { field: 'customField', key: 'город', op: 'eq', value: 'Москва' },
        { field: 'customField', key: 'город', op: 'exists' },
        { field: 'dealStage', stageId: STAGE },
        { field: 'wonRevenue', op: 'gte', value: 15000.5 },
        { field: 'lastContact', op: 'within', days: 30 },
        { field: 'createdAt', op: 'before', date: '2024-01-01' },
        { field: 'nps', category: 'promoter' },
        { field: 'nps', op: 'lt', value: 7 },
        { field: 'optedOut', value: false },
        { field: 'birthdayMonth', month: 3 },
        { field: 'locale', values: ['ru', 'en'] },
        { field: 'company', op: 'not_exists' },
      ],
    };
    expect(filterToJson(filterFromJson(filter))).toEqual(filter);
  });

  it('sends numbers as numbers and leaves a missing one out for the server to name', () => {
    const row = emptyCondition('wonDeals');
    row.values.value = '2';
    expect(filterToJson({ match: 'all', conditions: [row] }).conditions[0]).toEqual({ field: 'wonDeals', op: 'eq', value: 2 });
    row.values.value = '';
    expect(filterToJson({ match: 'all', conditions: [row] }).conditions[0]).toEqual({ field: 'wonDeals', op: 'eq', value: undefined });
  });

  it('shows the inputs the chosen comparison needs', () => {
    const row = emptyCondition('lastContact');
    expect(visibleInputs(row).map((i) => i.name)).toEqual(['op', 'days']);
    row.values.op = 'before';
    expect(visibleInputs(row).map((i) => i.name)).toEqual(['op', 'date']);
  });

  it('places the server\'s errors on their row and input', () => {
    expect(
      conditionErrors([
        { field: 'filter.conditions.1.values', message: 'Too small' },
        { field: 'filter.conditions.0.inboxType', message: 'Choose' },
        { field: 'filter.conditions.2', message: 'Invalid input' },
        { field: 'name', message: 'Required' },
      ]),
    ).toEqual({ '1.values': 'Too small', '0.target': 'Choose', '2.field': 'Invalid input' });
  });

  it('has a label in both languages for every field, input and choice the editor shows', () => {
    const keys = [
      ...SEGMENT_FIELDS.map((f) => `ui.segments.field.${f}`),
      ...Object.values(CONDITION_INPUTS)
        .flat()
        .flatMap((input) => [`ui.segments.input.${input.name}`, ...(input.options ?? []).map((o) => `ui.segments.opt.${o}`)]),
    ];
    for (const key of keys) {
      for (const locale of ['en', 'ru'] as const) expect(t(key as Parameters<typeof t>[0], {}, locale), `${key} (${locale})`).not.toBe(key);
    }
  });
});
