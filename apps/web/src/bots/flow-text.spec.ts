import { describe, expect, it } from 'vitest';
import { excerpt, parseFlow, starterFlow, withNodePosition } from './flow-text.js';
import { layoutFlow } from './graph-layout.js';

const text = JSON.stringify(starterFlow('Hello'), null, 2);

describe('withNodePosition', () => {
  it('writes the dragged position into that node only and keeps the rest of the document', () => {
    const moved = withNodePosition(text, 'done', { x: 120.6, y: 300.2 });
    const parsed = parseFlow(moved);
    expect(parsed.ok && parsed.doc.nodes).toEqual([
      { id: 'greeting', type: 'message', text: 'Hello' },
      { id: 'done', type: 'end', position: { x: 121, y: 300 } },
    ]);
    expect(parsed.ok && parsed.doc.edges).toEqual([{ from: 'greeting', to: 'done' }]);
  });

  it('makes the graph place the node where it was dropped', () => {
    const moved = withNodePosition(text, 'greeting', { x: -50, y: 40 });
    const parsed = parseFlow(moved);
    expect(parsed.ok && layoutFlow(parsed.doc).get('greeting')).toEqual({ x: -50, y: 40 });
  });

  it('keeps fields it does not know', () => {
    const moved = withNodePosition(JSON.stringify({ ...starterFlow('Hi'), timeoutMinutes: 30, extra: { a: 1 } }), 'done', { x: 1, y: 2 });
    expect(JSON.parse(moved)).toMatchObject({ timeoutMinutes: 30, extra: { a: 1 } });
  });
});

describe('parseFlow', () => {
  it('reports where a syntax error is', () => {
    const parsed = parseFlow('{"start": "a",, }');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.kind).toBe('syntax');
  });

  it('refuses a value without nodes and edges', () => {
    expect(parseFlow('[1, 2]')).toMatchObject({ ok: false, kind: 'shape' });
    expect(parseFlow('{"start": "a"}').ok).toBe(false);
  });
});

describe('excerpt', () => {
  it('shortens long texts to one line', () => {
    expect(excerpt('line one\nline two is long enough to be cut here', 20)).toBe('line one line two i…');
  });
});
