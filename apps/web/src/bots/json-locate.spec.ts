import { describe, expect, it } from 'vitest';
import { lineOf, locatePath, pathFromField } from './json-locate.js';

const text = `{
  "start": "a",
  "nodes": [
    { "id": "a", "type": "message", "text": "Hi \\"there\\"" },
    { "id": "b", "type": "end", "position": { "x": 1, "y": -2.5e1 } }
  ],
  "edges": []
}`;

describe('locatePath', () => {
  it('finds the range of a nested value', () => {
    const range = locatePath(text, ['nodes', 0, 'text'])!;
    expect(text.slice(range.start, range.end)).toBe('"Hi \\"there\\""');
  });

  it('finds a whole array item', () => {
    const range = locatePath(text, ['nodes', 1])!;
    expect(text.slice(range.start, range.end)).toBe('{ "id": "b", "type": "end", "position": { "x": 1, "y": -2.5e1 } }');
    expect(lineOf(text, range.start)).toBe(5);
  });

  it('points at the nearest existing parent when the field is missing', () => {
    const range = locatePath(text, ['nodes', 1, 'text'])!;
    expect(text.slice(range.start, range.start + 11)).toBe('{ "id": "b"');
  });

  it('answers null for text that is not JSON', () => {
    expect(locatePath('{"nodes": [', ['nodes', 0])).toBeNull();
  });
});

describe('pathFromField', () => {
  it('reads an API field path with the document prefix and indexes', () => {
    expect(pathFromField('document.nodes.2.text')).toEqual(['nodes', 2, 'text']);
    expect(pathFromField('start')).toEqual(['start']);
  });
});
