import { describe, expect, it } from 'vitest';
import { messageIdsIn, referencesForReply, relatedMessageIds, replySubject, threadKeyOf } from './threading.js';

describe('threading', () => {
  it('reads Message-IDs with or without brackets and drops anything else', () => {
    expect(messageIdsIn('<a@x> <b@y>\r\n <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(messageIdsIn(['<a@x>', '<b@y>'])).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdsIn('bare@host.example')).toEqual(['<bare@host.example>']);
    expect(messageIdsIn('not an id')).toEqual([]);
  });

  it('keys a thread by its root: the first reference, else the answered message, else the message itself', () => {
    expect(threadKeyOf({ messageId: '<c@x>', inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] })).toBe('<a@x>');
    expect(threadKeyOf({ messageId: '<c@x>', inReplyTo: '<b@x>', references: [] })).toBe('<b@x>');
    expect(threadKeyOf({ messageId: '<c@x>', references: [] })).toBe('<c@x>');
  });

  it('looks up the answered message first, then the references from the newest', () => {
    expect(relatedMessageIds({ messageId: '<d@x>', inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] })).toEqual(['<c@x>', '<b@x>', '<a@x>']);
  });

  it('builds References for a reply with the root kept first when the chain is long', () => {
    expect(referencesForReply({ messageId: '<b@x>', references: ['<a@x>'] })).toEqual(['<a@x>', '<b@x>']);
    const long = Array.from({ length: 30 }, (_, i) => `<${i}@x>`);
    const trimmed = referencesForReply({ messageId: '<last@x>', references: long });
    expect(trimmed).toHaveLength(20);
    expect(trimmed[0]).toBe('<0@x>');
    expect(trimmed.at(-1)).toBe('<last@x>');
  });

  it('prefixes the subject with one "Re:" however many it had', () => {
    expect(replySubject('Заказ 15')).toBe('Re: Заказ 15');
    expect(replySubject('RE: Re[2]: Ответ: Заказ 15')).toBe('Re: Заказ 15');
    expect(replySubject('Fwd: счёт')).toBe('Re: Fwd: счёт');
    expect(replySubject('  ')).toBeUndefined();
  });
});
