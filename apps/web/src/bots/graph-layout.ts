import { excerpt, localText } from './flow-text.js';
import type { FlowDocument, FlowNode } from './types.js';

export interface Point {
  x: number;
  y: number;
}

export const LAYOUT = { columnWidth: 240, rowHeight: 120 } as const;

/**
 * Top-down layers from the start node (breadth first: a node sits one row below its nearest
 * parent); nodes the start does not reach follow in rows of their own. A node that carries a
 * position keeps it: the manager placed it.
 */
export function layoutFlow(doc: FlowDocument): Map<string, Point> {
  const depth = layerDepths(doc);
  const rows = new Map<number, string[]>();
  for (const [id, d] of depth) rows.set(d, [...(rows.get(d) ?? []), id]);
  const positions = new Map<string, Point>();
  for (const [d, ids] of rows) {
    ids.forEach((id, i) => positions.set(id, { x: (i - (ids.length - 1) / 2) * LAYOUT.columnWidth, y: d * LAYOUT.rowHeight }));
  }
  for (const node of doc.nodes) {
    if (isPoint(node.position)) positions.set(node.id, { x: node.position.x, y: node.position.y });
  }
  return positions;
}

/** Each node's row: its distance from the start, in the order the walk meets them. */
export function layerDepths(doc: FlowDocument): Map<string, number> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const next = new Map<string, string[]>();
  for (const edge of doc.edges) {
    if (ids.has(edge.from) && ids.has(edge.to)) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  }
  const depth = new Map<string, number>();
  const roots = [doc.start, ...doc.nodes.map((n) => n.id)].filter((id) => ids.has(id));
  let deepest = -1;
  for (const root of roots) {
    if (depth.has(root)) continue;
    depth.set(root, deepest + 1);
    const queue = [root];
    while (queue.length) {
      const id = queue.shift()!;
      const d = depth.get(id)!;
      deepest = Math.max(deepest, d);
      for (const to of next.get(id) ?? []) {
        if (depth.has(to)) continue;
        depth.set(to, d + 1);
        queue.push(to);
      }
    }
  }
  return depth;
}

function isPoint(value: unknown): value is Point {
  const p = value as Point | undefined;
  return Boolean(p) && Number.isFinite(p!.x) && Number.isFinite(p!.y);
}

/** "message · Choose a size": the node's type and what it says or is called. */
export function nodeLabel(node: FlowNode, locale: 'ru' | 'en'): string {
  const said = typeof node.title === 'string' && node.title ? node.title : localText(node.text ?? node.question ?? node.prompt, locale);
  const detail = excerpt(said);
  return detail ? `${node.type} · ${detail}` : node.type;
}

export interface GraphNode {
  id: string;
  position: Point;
  data: { label: string };
  className: string;
  selected?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  className?: string;
}

/** The document as nodes and edges for the graph view. */
export function toGraph(doc: FlowDocument, locale: 'ru' | 'en', selectedId: string | null = null): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const positions = layoutFlow(doc);
  const ids = new Set(doc.nodes.map((n) => n.id));
  const nodes = doc.nodes.map((node) => ({
    id: node.id,
    position: positions.get(node.id) ?? { x: 0, y: 0 },
    data: { label: nodeLabel(node, locale) },
    className: ['bots-node', `bots-node--${node.type}`, node.id === doc.start ? 'is-start' : ''].filter(Boolean).join(' '),
    selected: node.id === selectedId,
  }));
  const edges = doc.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .map((e, i) => ({
      id: `${e.from}->${e.to}#${i}`,
      source: e.from,
      target: e.to,
      ...(e.on ? { label: e.on } : {}),
      className: e.on ? `bots-edge bots-edge--${e.on}` : 'bots-edge',
    }));
  return { nodes, edges };
}
