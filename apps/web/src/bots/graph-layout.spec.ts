import { describe, expect, it } from 'vitest';
import { LAYOUT, layerDepths, layoutFlow, nodeLabel, toGraph } from './graph-layout.js';
import type { FlowDocument } from './types.js';

const flow: FlowDocument = {
  start: 'hello',
  nodes: [
    { id: 'orphan', type: 'message', text: 'Nobody links here' },
    { id: 'hello', type: 'message', text: 'Hi! Pick one', buttons: [[{ id: 'a', text: 'A' }]] },
    { id: 'left', type: 'ask', title: 'Your name' },
    { id: 'right', type: 'handoff' },
    { id: 'done', type: 'end' },
  ],
  edges: [
    { from: 'hello', to: 'left', on: 'a' },
    { from: 'hello', to: 'right', on: 'b' },
    { from: 'left', to: 'done' },
    { from: 'right', to: 'done' },
    { from: 'done', to: 'hello' },
  ],
};

describe('layerDepths', () => {
  it('places each node one row below its nearest parent when walking from the start', () => {
    expect(Object.fromEntries(layerDepths(flow))).toEqual({ hello: 0, left: 1, right: 1, done: 2, orphan: 3 });
  });

  it('ignores edges to nodes that do not exist', () => {
    const depths = layerDepths({ start: 'a', nodes: [{ id: 'a', type: 'end' }], edges: [{ from: 'a', to: 'ghost' }] });
    expect([...depths]).toEqual([['a', 0]]);
  });
});

describe('layoutFlow', () => {
  it('centres the nodes of a row and puts rows top-down', () => {
    const at = layoutFlow(flow);
    expect(at.get('hello')).toEqual({ x: 0, y: 0 });
    expect(at.get('left')).toEqual({ x: -LAYOUT.columnWidth / 2, y: LAYOUT.rowHeight });
    expect(at.get('right')).toEqual({ x: LAYOUT.columnWidth / 2, y: LAYOUT.rowHeight });
    expect(at.get('orphan')).toEqual({ x: 0, y: 3 * LAYOUT.rowHeight });
  });

  it('keeps the position a node carries', () => {
    const placed = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'done' ? { ...n, position: { x: 700, y: -20 } } : n)) };
    expect(layoutFlow(placed).get('done')).toEqual({ x: 700, y: -20 });
  });
});

describe('toGraph', () => {
  it('labels nodes with their type and text and edges with their branch', () => {
    const graph = toGraph(flow, 'en', 'left');
    expect(graph.nodes.find((n) => n.id === 'hello')).toMatchObject({ data: { label: 'message · Hi! Pick one' }, className: 'bots-node bots-node--message is-start' });
    expect(graph.nodes.find((n) => n.id === 'left')?.selected).toBe(true);
    expect(graph.edges.map((e) => e.label ?? null)).toEqual(['a', 'b', null, null, null]);
  });

  it('shows the text in the reader language when a node has both', () => {
    expect(nodeLabel({ id: 'x', type: 'message', text: { ru: 'Привет', en: 'Hello' } }, 'ru')).toBe('message · Привет');
    expect(nodeLabel({ id: 'x', type: 'end' }, 'ru')).toBe('end');
  });
});
