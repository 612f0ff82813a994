import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './due-input.js';

describe('due date input', () => {
  it('turns an instant into a local input value and back to the same instant', () => {
    const iso = '2030-03-05T07:45:00.000Z';
    const value = toLocalInput(iso);
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(value)).toBe(iso);
  });

  it('answers empty and null for missing or unreadable values', () => {
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('soon')).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });
});
