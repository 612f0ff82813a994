import { ACTION_TYPES, CONDITION_TYPES, RULE_EVENTS, type ActionType, type ConditionType } from './rule-draft.js';

/** What GET /automation-rules/catalog answers: events, and JSON schemas (one of several objects) of conditions and actions. */
export interface RuleCatalogAnswer {
  events?: unknown;
  conditions?: unknown;
  actions?: unknown;
}

/** The events, condition and action types the editor offers. */
export interface RuleCatalog {
  events: string[];
  conditionTypes: ConditionType[];
  actionTypes: ActionType[];
}

export const FIXED_CATALOG: RuleCatalog = { events: [...RULE_EVENTS], conditionTypes: [...CONDITION_TYPES], actionTypes: [...ACTION_TYPES] };

/** The `type` values of a discriminated union's JSON schema (`oneOf` or `anyOf` of objects). */
export function typesOfUnionSchema(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const { oneOf, anyOf } = schema as { oneOf?: unknown; anyOf?: unknown };
  const members = Array.isArray(oneOf) ? oneOf : Array.isArray(anyOf) ? anyOf : [];
  return members.flatMap((member: unknown) => {
    const type = (member as { properties?: { type?: { const?: unknown; enum?: unknown } } } | null)?.properties?.type;
    if (typeof type?.const === 'string') return [type.const];
    return Array.isArray(type?.enum) ? type.enum.filter((v): v is string => typeof v === 'string') : [];
  });
}

/**
 * The server's catalog, limited to what the editor has inputs for, in the server's order.
 * A part the answer lacks (or that names nothing the editor knows) falls back to the fixed list.
 */
export function ruleCatalogFrom(answer: RuleCatalogAnswer | null | undefined): RuleCatalog {
  if (!answer) return FIXED_CATALOG;
  const known = <T extends string>(values: readonly string[], fixed: readonly T[]): T[] => {
    const picked = values.filter((v): v is T => (fixed as readonly string[]).includes(v));
    return picked.length ? [...new Set(picked)] : [...fixed];
  };
  const events = Array.isArray(answer.events) ? answer.events.filter((e): e is string => typeof e === 'string') : [];
  return {
    events: events.length ? events : FIXED_CATALOG.events,
    conditionTypes: known(typesOfUnionSchema(answer.conditions), CONDITION_TYPES),
    actionTypes: known(typesOfUnionSchema(answer.actions), ACTION_TYPES),
  };
}
