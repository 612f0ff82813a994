import type { FlowDocument, FlowText } from './types.js';

export type ParsedFlow =
  | { ok: true; doc: FlowDocument }
  /** Not JSON at all: the message is the parser's, the offset where it stopped. */
  | { ok: false; kind: 'syntax'; message: string; offset: number | null }
  /** JSON, but not something the graph can draw; the server names what is wrong. */
  | { ok: false; kind: 'shape'; message: string; offset: null };

/** The editor's text as a flow document, or why it is not one yet (a JSON syntax error or a wrong shape). */
export function parseFlow(text: string): ParsedFlow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    return { ok: false, kind: 'syntax', message, offset: at ? Number(at[1]) : null };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, kind: 'shape', message: 'object', offset: null };
  const doc = value as Partial<FlowDocument>;
  // Shape problems beyond these are the server's to name, field by field.
  if (!Array.isArray(doc.nodes) || !Array.isArray(doc.edges)) return { ok: false, kind: 'shape', message: 'nodes', offset: null };
  const nodes = doc.nodes.filter((n): n is FlowDocument['nodes'][number] => Boolean(n) && typeof n === 'object' && typeof n.id === 'string');
  const edges = doc.edges.filter((e): e is FlowDocument['edges'][number] => Boolean(e) && typeof e === 'object' && typeof e.from === 'string' && typeof e.to === 'string');
  return { ok: true, doc: { ...(doc as FlowDocument), nodes, edges } };
}

export function formatFlow(doc: FlowDocument): string {
  return JSON.stringify(doc, null, 2);
}

/**
 * The text with one node moved on the graph. The document is written back formatted: a position
 * is only ever changed in a text that parses, and the editor shows the result at once.
 */
export function withNodePosition(text: string, nodeId: string, position: { x: number; y: number }): string {
  const value = JSON.parse(text) as { nodes?: Array<Record<string, unknown>> };
  const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
  const nodes = (value.nodes ?? []).map((node) => (node && node.id === nodeId ? { ...node, position: rounded } : node));
  return JSON.stringify({ ...value, nodes }, null, 2);
}

/** A text of a node in the reader's language; a plain string is the same in both. */
export function localText(text: FlowText | unknown, locale: 'ru' | 'en'): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    const byLocale = text as Record<string, unknown>;
    const value = byLocale[locale] ?? byLocale.ru ?? byLocale.en;
    return typeof value === 'string' ? value : '';
  }
  return '';
}

export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A starting point for a new flow: a greeting that ends the conversation. */
export function starterFlow(greeting: string): FlowDocument {
  return {
    start: 'greeting',
    nodes: [
      { id: 'greeting', type: 'message', text: greeting },
      { id: 'done', type: 'end' },
    ],
    edges: [{ from: 'greeting', to: 'done' }],
  };
}
