import { sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { contacts, likePattern } from '@app/db';
import type { SegmentCondition, SegmentFilter } from './dto/segment-filter.dto.js';

type Compare = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
const OPERATORS: Record<Compare, SQL> = { eq: sql`=`, neq: sql`<>`, gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` };
const NPS_RANGES = { promoter: [9, 10], passive: [7, 8], detractor: [0, 6] } as const;

// lower() leaves Cyrillic capitals alone under the C locale (PGlite); translate() makes the fold the same on every server.
const UPPER = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё';
const LOWER = 'абвгдеежзийклмнопрстуфхцчшщъыьэюяе';

/** The SQL twin of foldForSearch for comparing stored text with a folded value. */
function folded(expression: SQL): SQL {
  return sql`translate(lower(${expression}), ${UPPER}, ${LOWER})`;
}

function list(values: readonly (string | number)[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

const contactId = sql`${contacts.id}`;
const lastActivity = sql`(select max(coalesce(cv.last_message_at, cv.created_at)) from conversations cv where cv.contact_id = ${contactId})`;
const wonDeals = sql`(select count(*) from deals d where d.contact_id = ${contactId} and d.status = 'won')`;
const wonRevenue = sql`(select coalesce(sum(d.amount), 0) from deals d where d.contact_id = ${contactId} and d.status = 'won')`;
const latestNps = sql`(select r.nps from conversation_ratings r where r.contact_id = ${contactId} and r.nps is not null order by r.nps_at desc nulls last limit 1)`;

function timeCondition(expression: SQL, condition: { op: 'before' | 'after' | 'within' | 'not_within'; date?: string; days?: number }): SQL {
  switch (condition.op) {
    case 'before':
      return sql`${expression} < ${condition.date}::timestamptz`;
    case 'after':
      return sql`${expression} >= ${condition.date}::timestamptz`;
    case 'within':
      return sql`${expression} >= now() - make_interval(days => ${condition.days}::int)`;
    case 'not_within':
      return sql`coalesce(${expression}, '-infinity'::timestamptz) < now() - make_interval(days => ${condition.days}::int)`;
  }
}

function customFieldCondition(condition: Extract<SegmentCondition, { field: 'customField' }>): SQL {
  const raw = sql`(${contacts.customFields} ->> ${condition.key})`;
  const value = condition.value;
  switch (condition.op) {
    case 'exists':
      return sql`coalesce(${raw}, '') <> ''`;
    case 'eq':
      return sql`${folded(raw)} = ${foldForSearch(String(value))}`;
    case 'neq':
      return sql`coalesce(${folded(raw)}, '') <> ${foldForSearch(String(value))}`;
    case 'contains':
      return sql`${folded(raw)} like ${likePattern(foldForSearch(String(value)))}`;
    case 'gt':
    case 'lt': {
      const operator = OPERATORS[condition.op];
      const number = typeof value === 'number' ? value : Number(value);
      // Numbers compare as numbers (a text that is not one never matches); anything else as text, which orders ISO dates.
      if (Number.isFinite(number) && String(value).trim() !== '') {
        return sql`(case when ${raw} ~ '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$' then ${raw}::numeric end) ${operator} ${number}::numeric`;
      }
      return sql`${raw} ${operator} ${String(value)}`;
    }
  }
}

/** One condition as a predicate over the row of `contacts`; values are always bound parameters. */
export function compileCondition(condition: SegmentCondition): SQL {
  switch (condition.field) {
    case 'channel':
      return condition.inboxId
        ? sql`exists (select 1 from contact_identities ci where ci.contact_id = ${contactId} and ci.inbox_id = ${condition.inboxId})`
        : sql`exists (select 1 from contact_identities ci join inboxes i on i.id = ci.inbox_id where ci.contact_id = ${contactId} and i.type = ${condition.inboxType})`;
    case 'tag': {
      const has = sql`exists (select 1 from unnest(${contacts.tags}) as tg(tag) where ${folded(sql`tg.tag`)} in (${list(condition.values.map((v) => foldForSearch(v)))}))`;
      return condition.op === 'any' ? has : sql`not ${has}`;
    }
    case 'customField':
      return customFieldCondition(condition);
    case 'dealStage':
      return sql`exists (select 1 from deals d where d.contact_id = ${contactId} and d.stage_id = ${condition.stageId})`;
    case 'dealAmount':
      return sql`exists (select 1 from deals d where d.contact_id = ${contactId} and d.amount ${OPERATORS[condition.op]} ${condition.value}::numeric)`;
    case 'lastContact':
      return timeCondition(lastActivity, condition);
    case 'wonDeals':
      return sql`${wonDeals} ${OPERATORS[condition.op]} ${condition.value}::int`;
    case 'wonRevenue':
      return sql`${wonRevenue} ${OPERATORS[condition.op]} ${condition.value}::numeric`;
    case 'nps': {
      if (condition.category) {
        const [low, high] = NPS_RANGES[condition.category];
        return sql`${latestNps} between ${low}::int and ${high}::int`;
      }
      return sql`${latestNps} ${OPERATORS[condition.op!]} ${condition.value}::int`;
    }
    case 'optedOut':
      return condition.value ? sql`${contacts.optedOutAt} is not null` : sql`${contacts.optedOutAt} is null`;
    case 'createdAt':
      return timeCondition(sql`${contacts.createdAt}`, condition);
    case 'birthdayMonth':
      return sql`extract(month from ${contacts.birthday}) = ${condition.month}::int`;
    case 'locale':
      return sql`lower(left(coalesce(${contacts.locale}, ''), 2)) in (${list(condition.values.map((v) => v.slice(0, 2).toLowerCase()))})`;
    case 'company':
      if (condition.op === 'is') return sql`${contacts.companyId} = ${condition.companyId}`;
      return condition.op === 'exists' ? sql`${contacts.companyId} is not null` : sql`${contacts.companyId} is null`;
  }
}

/** The whole filter as one predicate; no conditions match every contact. */
export function compileFilter(filter: SegmentFilter): SQL {
  if (filter.conditions.length === 0) return sql`true`;
  const parts = filter.conditions.map((condition) => sql`(${compileCondition(condition)})`);
  return sql`(${sql.join(parts, filter.match === 'any' ? sql` or ` : sql` and `)})`;
}
