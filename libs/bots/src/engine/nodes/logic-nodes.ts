import type { ConditionRule } from '../../bot-flow.contract.js';
import type { EngineContext } from '../engine.types.js';
import type { NodeHandler, Step } from '../step.js';
import { readPath, render, templateScope, writePath } from '../templates.js';

export const setNode: NodeHandler<'set'> = {
  enter(node, step) {
    for (const { variable, value } of node.assignments) {
      step.state.variables = writePath(step.state.variables, variable, render(value, step.state.variables, step.ctx));
    }
    return { type: 'go', branch: 'next' };
  },
};

export const conditionNode: NodeHandler<'condition'> = {
  enter(node, step) {
    const results = node.rules.map((rule) => evaluateRule(rule, step));
    const passed = node.match === 'any' ? results.some(Boolean) : results.every(Boolean);
    return { type: 'go', branch: passed ? 'true' : 'false' };
  },
};

export function evaluateRule(rule: ConditionRule, step: Pick<Step, 'state' | 'ctx'>): boolean {
  if (rule.source === 'time') return clockBetween(clockOf(step.ctx), rule.value ?? '', rule.valueTo ?? '');
  const scope = templateScope(step.state.variables, step.ctx);
  const actual = rule.source === 'contact' ? readPath(scope.contact as Record<string, unknown>, rule.field ?? '') : readPath(step.state.variables, rule.field ?? '');
  const expected = rule.value === undefined ? undefined : render(rule.value, step.state.variables, step.ctx);
  return compare(actual, rule.op, expected, rule.valueTo);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function compare(actual: unknown, op: ConditionRule['op'], expected: string | undefined, expectedTo: string | undefined): boolean {
  const fold = (v: unknown) => String(v ?? '').trim().toLocaleLowerCase();
  switch (op) {
    case 'empty':
      return isEmpty(actual);
    case 'not_empty':
      return !isEmpty(actual);
    case 'eq':
    case 'neq': {
      const a = asNumber(actual);
      const b = asNumber(expected);
      const equal = a !== null && b !== null ? a === b : Array.isArray(actual) ? actual.some((v) => fold(v) === fold(expected)) : fold(actual) === fold(expected);
      return op === 'eq' ? equal : !equal;
    }
    case 'contains':
      return Array.isArray(actual) ? actual.some((v) => fold(v) === fold(expected)) : fold(actual).includes(fold(expected));
    case 'between': {
      const a = asNumber(actual);
      const from = asNumber(expected);
      const to = asNumber(expectedTo);
      return a !== null && from !== null && to !== null && a >= from && a <= to;
    }
    default: {
      const a = asNumber(actual);
      const b = asNumber(expected);
      if (a === null || b === null) return false;
      return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
    }
  }
}

/** "HH:MM" now in the workspace's time zone. */
export function clockOf(ctx: Pick<EngineContext, 'now' | 'timeZone'>): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ctx.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ctx.now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

/** From inclusive, to exclusive; a range like 22:00–06:00 spans midnight. */
export function clockBetween(now: string, from: string, to: string): boolean {
  if (!from || !to) return false;
  return from <= to ? now >= from && now < to : now >= from || now < to;
}
