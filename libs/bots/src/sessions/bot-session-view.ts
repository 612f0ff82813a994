import type { BotSessionRow } from '@app/db';
import type { BotSessionView } from '../bot-flow.contract.js';

export function toSessionView(session: BotSessionRow, flowName: string): BotSessionView {
  return {
    id: session.id,
    flowId: session.flowId,
    flowName,
    version: session.version,
    nodeId: session.nodeId,
    status: session.status,
    variables: session.variables,
    startedAt: session.startedAt.toISOString(),
    expiresAt: session.expiresAt?.toISOString() ?? null,
  };
}

/** "order.name: Anna; order.phone: +7…" for the agent who takes over; cart lines as "Pizza × 2". */
export function describeVariables(variables: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (path === 'product') return;
    if (path === 'cart') {
      const items = (value as { items?: Array<{ name: string; quantity: number }> })?.items ?? [];
      if (items.length) parts.push(`cart: ${items.map((i) => `${i.name} × ${i.quantity}`).join(', ')}`);
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
      return;
    }
    if (value === undefined || value === null || value === '') return;
    parts.push(`${path}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  };
  walk(variables, '');
  return parts.join('; ');
}
