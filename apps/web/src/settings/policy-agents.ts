import type { Policy } from './settings-api.js';

/** One agent of a policy's order, with the capacity as typed (empty: the policy's capacity). */
export interface AgentRow {
  userId: string;
  capacity: string;
}

export function agentRowsOf(policy: Pick<Policy, 'agents'> | null): AgentRow[] {
  return (policy?.agents ?? []).map((a) => ({ userId: a.userId, capacity: a.capacity === undefined || a.capacity === null ? '' : String(a.capacity) }));
}

/**
 * The agents as the policy routes take them: a capacity only where one was typed. The server checks
 * it; text that is no number is sent as typed so that its answer names the row, rather than as null (no limit).
 */
export function agentsBody(rows: readonly AgentRow[]): Array<{ userId: string; capacity?: number | string }> {
  return rows.map(({ userId, capacity }) => {
    const text = capacity.trim();
    if (!text) return { userId };
    return { userId, capacity: Number.isFinite(Number(text)) ? Number(text) : text };
  });
}

/** Moves the row at index one place up. */
export function moveUp<T>(rows: readonly T[], index: number): T[] {
  if (index <= 0 || index >= rows.length) return [...rows];
  const next = [...rows];
  [next[index - 1], next[index]] = [next[index], next[index - 1]];
  return next;
}
