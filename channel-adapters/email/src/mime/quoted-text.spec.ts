import { describe, expect, it } from 'vitest';
import { foldQuotedText } from './quoted-text.js';

describe('foldQuotedText', () => {
  it('folds a Gmail-style quote with its two-line header', () => {
    const text = 'Thanks, that works.\n\nOn Mon, 3 Mar 2025 at 10:00, Support Team <support@shop.example>\nwrote:\n> Please confirm.\n> Bye';
    expect(foldQuotedText(text)).toEqual({ visible: 'Thanks, that works.', folded: 'On Mon, 3 Mar 2025 at 10:00, Support Team <support@shop.example>\nwrote:\n> Please confirm.\n> Bye' });
  });

  it('folds a Russian client quote header and the quote below it', () => {
    const { visible, folded } = foldQuotedText('Спасибо!\n\n03.03.2025, 10:00, "Поддержка" <support@shop.example> пишет:\n> Ваш заказ готов');
    expect(visible).toBe('Спасибо!');
    expect(folded).toContain('> Ваш заказ готов');
  });

  it('folds an Outlook header block', () => {
    const { visible, folded } = foldQuotedText('Жду.\r\n\r\nFrom: Support <support@shop.example>\r\nSent: Monday, March 3, 2025 10:00\r\nTo: Ivan\r\nSubject: Order\r\n\r\nYour order is ready');
    expect(visible).toBe('Жду.');
    expect(folded.startsWith('From: Support')).toBe(true);
  });

  it('folds the signature after the "-- " delimiter and a mobile signature line', () => {
    expect(foldQuotedText('Привет\n-- \nИван\nООО Ромашка')).toEqual({ visible: 'Привет', folded: '-- \nИван\nООО Ромашка' });
    expect(foldQuotedText('Ок\n\nОтправлено с iPhone')).toEqual({ visible: 'Ок', folded: 'Отправлено с iPhone' });
  });

  it('keeps interleaved answers visible and folds only the trailing quote', () => {
    const text = '> Когда доставка?\nЗавтра.\n> А оплата?\nКартой.\n\n> Спасибо\n> Иван';
    expect(foldQuotedText(text)).toEqual({ visible: '> Когда доставка?\nЗавтра.\n> А оплата?\nКартой.', folded: '> Спасибо\n> Иван' });
  });

  it('shows a message that is nothing but a quote in full', () => {
    expect(foldQuotedText('> только цитата\n> и всё')).toEqual({ visible: '> только цитата\n> и всё', folded: '' });
  });

  it('leaves a text without quotes or signature as it is', () => {
    expect(foldQuotedText('Просто текст.\nВторая строка.')).toEqual({ visible: 'Просто текст.\nВторая строка.', folded: '' });
  });
});
