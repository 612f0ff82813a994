import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf-text.js';
import { renderPdf } from './pdf-renderer.js';

describe('renderPdf', () => {
  it('prints Cyrillic text and table cells that a PDF reader extracts again', async () => {
    const pdf = await renderPdf('<h1>Счёт № СЧ-2026-0001</h1><table><tr><th>Товар</th><th>Сумма</th></tr><tr><td>Ёлочная игрушка</td><td>1&nbsp;500,00&nbsp;₽</td></tr></table>', {
      title: 'Счёт',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    expect(text).toContain('Счёт № СЧ-2026-0001');
    expect(text).toContain('Ёлочная игрушка');
    expect(text).toContain('1 500,00 ₽');
  });
});
