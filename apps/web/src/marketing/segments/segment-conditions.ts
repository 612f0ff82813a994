/** The segment editor's condition rows and their conversion to and from the filter JSON the API takes. */

export const SEGMENT_FIELDS = [
  'channel',
  'tag',
  'customField',
  'dealStage',
  'dealAmount',
  'lastContact',
  'wonDeals',
  'wonRevenue',
  'nps',
  'optedOut',
  'createdAt',
  'birthdayMonth',
  'locale',
  'company',
] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

const COMPARE = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
const TIME = ['within', 'not_within', 'before', 'after'] as const;

/** One input of a row: a choice from fixed options or from a list, free text, a number, a date. */
export interface ConditionInput {
  name: string;
  kind: 'select' | 'ref' | 'text' | 'number' | 'date' | 'month';
  options?: readonly string[];
  ref?: 'targets' | 'stages' | 'companies';
  /** Shown only when another input has one of these values. */
  when?: { input: string; is: readonly string[] };
}

export const CONDITION_INPUTS: Record<SegmentField, ConditionInput[]> = {
  channel: [{ name: 'target', kind: 'ref', ref: 'targets' }],
  tag: [
    { name: 'op', kind: 'select', options: ['any', 'none'] },
    { name: 'values', kind: 'text' },
  ],
  customField: [
    { name: 'key', kind: 'text' },
    { name: 'op', kind: 'select', options: ['eq', 'neq', 'contains', 'gt', 'lt', 'exists'] },
    { name: 'value', kind: 'text', when: { input: 'op', is: ['eq', 'neq', 'contains', 'gt', 'lt'] } },
  ],
  dealStage: [{ name: 'stageId', kind: 'ref', ref: 'stages' }],
  dealAmount: [
    { name: 'op', kind: 'select', options: COMPARE },
    { name: 'value', kind: 'number' },
  ],
  lastContact: [
    { name: 'op', kind: 'select', options: TIME },
    { name: 'days', kind: 'number', when: { input: 'op', is: ['within', 'not_within'] } },
    { name: 'date', kind: 'date', when: { input: 'op', is: ['before', 'after'] } },
  ],
  wonDeals: [
    { name: 'op', kind: 'select', options: COMPARE },
    { name: 'value', kind: 'number' },
  ],
  wonRevenue: [
    { name: 'op', kind: 'select', options: COMPARE },
    { name: 'value', kind: 'number' },
  ],
  nps: [
    { name: 'category', kind: 'select', options: ['promoter', 'passive', 'detractor', 'score'] },
    { name: 'op', kind: 'select', options: COMPARE, when: { input: 'category', is: ['score'] } },
    { name: 'value', kind: 'number', when: { input: 'category', is: ['score'] } },
  ],
  optedOut: [{ name: 'value', kind: 'select', options: ['true', 'false'] }],
  createdAt: [
    { name: 'op', kind: 'select', options: TIME },
    { name: 'days', kind: 'number', when: { input: 'op', is: ['within', 'not_within'] } },
    { name: 'date', kind: 'date', when: { input: 'op', is: ['before', 'after'] } },
  ],
  birthdayMonth: [{ name: 'month', kind: 'month' }],
  locale: [{ name: 'languages', kind: 'text' }],
  company: [
    { name: 'op', kind: 'select', options: ['is', 'exists', 'not_exists'] },
    { name: 'companyId', kind: 'ref', ref: 'companies', when: { input: 'op', is: ['is'] } },
  ],
};

export interface ConditionDraft {
  key: number;
  field: SegmentField;
  values: Record<string, string>;
}

export interface FilterDraft {
  match: 'all' | 'any';
  conditions: ConditionDraft[];
}

let nextKey = 1;

export function visibleInputs(row: ConditionDraft): ConditionInput[] {
  return CONDITION_INPUTS[row.field].filter((input) => !input.when || input.when.is.includes(row.values[input.when.input] ?? ''));
}

/** A new row of a field, with the first choice of each select already made. */
export function emptyCondition(field: SegmentField): ConditionDraft {
  const values: Record<string, string> = {};
  for (const input of CONDITION_INPUTS[field]) values[input.name] = input.kind === 'select' ? (input.options?.[0] ?? '') : input.kind === 'month' ? '1' : '';
  return { key: nextKey++, field, values };
}

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** Numbers go as numbers; an empty or broken one is left out so the server names the field. */
const numberOf = (text: string | undefined) => (text && text.trim() && Number.isFinite(Number(text.replace(',', '.'))) ? Number(text.replace(',', '.')) : undefined);

/** A row as the API's condition; values the server validates are passed as typed, never guessed. */
export function conditionToJson(row: ConditionDraft): Record<string, unknown> {
  const v = row.values;
  switch (row.field) {
    case 'channel':
      return v.target?.startsWith('inbox:') ? { field: 'channel', inboxId: v.target.slice('inbox:'.length) } : { field: 'channel', inboxType: v.target?.replace(/^type:/, '') || undefined };
    case 'tag':
      return { field: 'tag', op: v.op, values: list(v.values ?? '') };
    case 'customField':
      return { field: 'customField', key: v.key ?? '', op: v.op, ...(v.op === 'exists' ? {} : { value: v.value ?? '' }) };
    case 'dealStage':
      return { field: 'dealStage', stageId: v.stageId ?? '' };
    case 'dealAmount':
    case 'wonDeals':
    case 'wonRevenue':
      return { field: row.field, op: v.op, value: numberOf(v.value) };
    case 'lastContact':
    case 'createdAt':
      return v.op === 'before' || v.op === 'after' ? { field: row.field, op: v.op, date: v.date || undefined } : { field: row.field, op: v.op, days: numberOf(v.days) };
    case 'nps':
      return v.category === 'score' ? { field: 'nps', op: v.op, value: numberOf(v.value) } : { field: 'nps', category: v.category };
    case 'optedOut':
      return { field: 'optedOut', value: v.value === 'true' };
    case 'birthdayMonth':
      return { field: 'birthdayMonth', month: numberOf(v.month) };
    case 'locale':
      return { field: 'locale', values: list(v.languages ?? '').map((value) => value.toLowerCase()) };
    case 'company':
      return v.op === 'is' ? { field: 'company', op: 'is', companyId: v.companyId || undefined } : { field: 'company', op: v.op };
  }
}

/** A stored condition back into a row; unknown fields are dropped (a newer server may know more). */
export function conditionFromJson(json: Record<string, unknown>): ConditionDraft | null {
  const field = json.field as SegmentField;
  if (!SEGMENT_FIELDS.includes(field)) return null;
  const row = emptyCondition(field);
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  for (const [name, value] of Object.entries(json)) {
    if (name === 'field') continue;
    row.values[name] = Array.isArray(value) ? value.join(', ') : text(value);
  }
  if (field === 'channel') row.values = { target: json.inboxId ? `inbox:${text(json.inboxId)}` : `type:${text(json.inboxType)}` };
  if (field === 'nps' && !json.category) row.values.category = 'score';
  if (field === 'locale') row.values = { languages: row.values.values ?? '' };
  return row;
}

export function filterToJson(draft: FilterDraft) {
  return { match: draft.match, conditions: draft.conditions.map(conditionToJson) };
}

export function filterFromJson(filter: { match?: string; conditions?: Array<Record<string, unknown>> } | null | undefined): FilterDraft {
  return {
    match: filter?.match === 'any' ? 'any' : 'all',
    conditions: (filter?.conditions ?? []).map(conditionFromJson).filter((row): row is ConditionDraft => row !== null),
  };
}

/** The server's errors of `filter.conditions.<i>.<input>` by row index and input name (inboxType/inboxId belong to the channel choice). */
export function conditionErrors(errors: Array<{ field?: string; message?: string }> | undefined): Record<string, string> {
  const byRow: Record<string, string> = {};
  for (const error of errors ?? []) {
    const match = /^filter\.conditions\.(\d+)(?:\.(\w+))?/.exec(String(error.field ?? ''));
    if (!match) continue;
    const input = match[2] === 'inboxType' || match[2] === 'inboxId' ? 'target' : (match[2] ?? 'field');
    const key = `${match[1]}.${input}`;
    byRow[key] ??= String(error.message ?? '');
  }
  return byRow;
}
