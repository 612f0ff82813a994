import { describe, expect, it } from 'vitest';
import { filterTemplates, insertTemplateText, slashQuery } from './template-filter.js';

const templates = [
  { shortCode: 'greet', name: 'Приветствие', body: 'Здравствуйте, {{contact.name}}!' },
  { shortCode: 'delivery', name: 'Доставка', body: 'Привезём завтра' },
  { shortCode: 'bye', name: 'Прощание', body: 'Всего доброго, ждём снова' },
  { shortCode: 'regreet', name: 'Ещё раз', body: 'Снова здравствуйте' },
];

describe('template picker search', () => {
  it('opens on a slash at the start and only while no space is typed', () => {
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('/gre')).toBe('gre');
    expect(slashQuery('/gre ')).toBeNull();
    expect(slashQuery('hello /gre')).toBeNull();
  });

  it('puts short codes that start with the search before those that contain it', () => {
    expect(filterTemplates(templates, 'greet').map((t) => t.shortCode)).toEqual(['greet', 'regreet']);
  });

  it('finds by name and text, with ё read as е', () => {
    expect(filterTemplates(templates, 'доставка').map((t) => t.shortCode)).toEqual(['delivery']);
    expect(filterTemplates(templates, 'ещё').map((t) => t.shortCode)).toEqual(['regreet']);
    expect(filterTemplates(templates, 'ждем').map((t) => t.shortCode)).toEqual(['bye']);
  });

  it('lists everything for an empty search, in code order, up to the limit', () => {
    expect(filterTemplates(templates, '', 3).map((t) => t.shortCode)).toEqual(['bye', 'delivery', 'greet']);
    expect(filterTemplates(templates, 'zzz')).toEqual([]);
  });

  it('replaces the slash search with the text, or adds the text to a written reply', () => {
    expect(insertTemplateText('/gre', 'Hello Anna', true)).toBe('Hello Anna');
    expect(insertTemplateText('Thanks.', 'Hello Anna', false)).toBe('Thanks. Hello Anna');
    expect(insertTemplateText('', 'Hello Anna', false)).toBe('Hello Anna');
  });
});
