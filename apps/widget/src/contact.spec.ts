import { describe, expect, it } from 'vitest';
import { contactFormStage, validateContact } from './contact.js';

describe('validateContact', () => {
  it('accepts a name alone or an e-mail alone when the form is optional, trimmed', () => {
    expect(validateContact({ name: '  Ольга ' }, false)).toEqual({ draft: { name: 'Ольга', email: undefined }, error: null });
    expect(validateContact({ email: ' olga@example.ru ' }, false)).toEqual({ draft: { name: undefined, email: 'olga@example.ru' }, error: null });
  });

  it('asks for something when the optional form is empty', () => {
    expect(validateContact({ name: ' ', email: '' }, false).error).toBe('widget.contact.nameRequired');
  });

  it('rejects an e-mail that does not look like one', () => {
    expect(validateContact({ name: 'Ольга', email: 'olga@' }, false).error).toBe('widget.contact.invalidEmail');
  });

  it('needs both a name and an e-mail when the form is required', () => {
    expect(validateContact({ email: 'olga@example.ru' }, true).error).toBe('widget.contact.nameRequired');
    expect(validateContact({ name: 'Ольга' }, true).error).toBe('widget.contact.invalidEmail');
    expect(validateContact({ name: 'Ольга', email: 'olga@example.ru' }, true).error).toBeNull();
  });
});

describe('contactFormStage', () => {
  const fresh = { contactDone: false, contactKnown: false, visitorHasWritten: false };

  it('shows the form before the first message when asked before', () => {
    expect(contactFormStage('before', fresh)).toBe('before');
  });

  it('shows the form only once the visitor has written when asked after', () => {
    expect(contactFormStage('after', fresh)).toBe('hidden');
    expect(contactFormStage('after', { ...fresh, visitorHasWritten: true })).toBe('after');
  });

  it('never shows the form when it was sent, dismissed, the contact is known, or the inbox says never', () => {
    expect(contactFormStage('before', { ...fresh, contactDone: true })).toBe('hidden');
    expect(contactFormStage('after', { ...fresh, visitorHasWritten: true, contactKnown: true })).toBe('hidden');
    expect(contactFormStage('never', { ...fresh, visitorHasWritten: true })).toBe('hidden');
  });
});
