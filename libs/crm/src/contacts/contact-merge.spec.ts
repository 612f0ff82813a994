import { describe, expect, it } from 'vitest';
import { mergeContactValues } from './contact-merge.js';
import type { ContactRecord } from './contact.types.js';

const contact = (overrides: Partial<ContactRecord>): ContactRecord => ({
  id: '00000000-0000-7000-8000-000000000001',
  name: '',
  phones: [],
  emails: [],
  tags: [],
  customFields: {},
  companyId: null,
  locale: null,
  avatarUrl: null,
  blocked: false,
  optedOutAt: null,
  optOutSource: null,
  timeZone: null,
  birthday: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...overrides,
});

describe('mergeContactValues', () => {
  it('unites phones, e-mails and tags without repeats, the kept contact first', () => {
    const merged = mergeContactValues(
      contact({ phones: ['+79123456789'], emails: ['a@x.ru'], tags: ['vip', 'b2b'] }),
      contact({ phones: ['+79001112233', '+79123456789'], emails: ['b@x.ru'], tags: ['b2b', 'new'] }),
    );
    expect(merged.phones).toEqual(['+79123456789', '+79001112233']);
    expect(merged.emails).toEqual(['a@x.ru', 'b@x.ru']);
    expect(merged.tags).toEqual(['vip', 'b2b', 'new']);
  });

  it('keeps the kept contact\'s custom field values when both have the same field', () => {
    const merged = mergeContactValues(contact({ customFields: { city: 'Казань', size: 1 } }), contact({ customFields: { city: 'Пермь', source: 'vk' } }));
    expect(merged.customFields).toEqual({ city: 'Казань', size: 1, source: 'vk' });
  });

  it('takes the other contact\'s company, name and locale only when the kept one has none', () => {
    const companyA = '00000000-0000-7000-8000-0000000000aa';
    const companyB = '00000000-0000-7000-8000-0000000000bb';
    expect(mergeContactValues(contact({ companyId: null, name: '' }), contact({ companyId: companyB, name: 'Иван' }))).toMatchObject({ companyId: companyB, name: 'Иван' });
    expect(mergeContactValues(contact({ companyId: companyA, name: 'Пётр', locale: 'ru' }), contact({ companyId: companyB, name: 'Иван', locale: 'en' }))).toMatchObject({
      companyId: companyA,
      name: 'Пётр',
      locale: 'ru',
    });
  });

  it('keeps the block when either contact was blocked', () => {
    expect(mergeContactValues(contact({ blocked: false }), contact({ blocked: true })).blocked).toBe(true);
    expect(mergeContactValues(contact({ blocked: false }), contact({ blocked: false })).blocked).toBe(false);
  });
});
