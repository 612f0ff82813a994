import { describe, expect, it } from 'vitest';
import { agentRowsOf, agentsBody, moveUp } from './policy-agents.js';

describe('policy agent rows', () => {
  it('shows a stored capacity and leaves the others empty', () => {
    expect(agentRowsOf({ agents: [{ userId: 'a', capacity: 2 }, { userId: 'b' }, { userId: 'c', capacity: null }] })).toEqual([
      { userId: 'a', capacity: '2' },
      { userId: 'b', capacity: '' },
      { userId: 'c', capacity: '' },
    ]);
    expect(agentRowsOf(null)).toEqual([]);
  });

  it('sends a capacity only for the agents that have one typed', () => {
    expect(agentsBody([{ userId: 'a', capacity: ' 5 ' }, { userId: 'b', capacity: '' }, { userId: 'c', capacity: '0' }])).toEqual([{ userId: 'a', capacity: 5 }, { userId: 'b' }, { userId: 'c', capacity: 0 }]);
  });

  it('sends text that is no number as typed when it cannot be read as one', () => {
    expect(agentsBody([{ userId: 'a', capacity: 'два' }])).toEqual([{ userId: 'a', capacity: 'два' }]);
  });

  it('moves a row up and leaves the first row where it is', () => {
    expect(moveUp(['a', 'b', 'c'], 2)).toEqual(['a', 'c', 'b']);
    expect(moveUp(['a', 'b'], 0)).toEqual(['a', 'b']);
  });
});
