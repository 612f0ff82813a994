import { foldForSearch } from '@app/common';

const STOP_WORDS = new Set(['stop', 'unsubscribe', 'стоп', 'отписаться', 'отписка']);
const START_WORDS = new Set(['start', 'старт', 'подписаться']);

export type ConsentCommand = 'stop' | 'start';

/** What a customer's message asks about marketing messages: only a message that is one of the words counts. */
export function consentCommandOf(text: string | null | undefined): ConsentCommand | null {
  const word = foldForSearch(text ?? '')
    .replace(/[\p{P}\p{S}]+/gu, '')
    .trim();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return null;
}
