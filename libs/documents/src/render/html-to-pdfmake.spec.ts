import { describe, expect, it } from 'vitest';
import { htmlToPdfContent, styleOf } from './html-to-pdfmake.js';

describe('htmlToPdfContent', () => {
  it('turns headings and paragraphs with inline formatting into styled text runs', () => {
    expect(htmlToPdfContent('<h1>Счёт  №&nbsp;1</h1>\n<p style="text-align: right">Итого: <strong>100</strong> <em>руб.</em><br><u>подпись</u></p>')).toEqual([
      { text: 'Счёт №\u00a01', style: 'h1' },
      {
        text: ['Итого: ', { text: '100', bold: true }, ' ', { text: 'руб.', italics: true }, '\n', { text: 'подпись', decoration: 'underline' }],
        style: 'paragraph',
        alignment: 'right',
      },
    ]);
  });

  it('builds a table with a bold header row, colspan placeholders and padded rows', () => {
    const [table] = htmlToPdfContent(
      '<table><thead><tr><th>№</th><th>Товар</th><th>Сумма</th></tr></thead><tbody><tr><td>1</td><td>Очень длинное название товара</td><td>10</td></tr><tr><td colspan="2">Итого</td><td>10</td></tr><tr><td>x</td></tr></tbody></table>',
    ) as { table: { headerRows: number; widths: string[]; body: unknown[][] } }[];
    expect(table.table.headerRows).toBe(1);
    expect(table.table.widths).toEqual(['auto', '*', 'auto']);
    expect(table.table.body[0]).toEqual([
      { text: '№', bold: true },
      { text: 'Товар', bold: true },
      { text: 'Сумма', bold: true },
    ]);
    expect(table.table.body[2]).toEqual([{ text: 'Итого', colSpan: 2 }, {}, { text: '10' }]);
    expect(table.table.body[3]).toEqual([{ text: 'x' }, { text: '' }, { text: '' }]);
  });

  it('converts lists, divs with nested blocks and horizontal rules', () => {
    const content = htmlToPdfContent('<div style="font-weight: bold">Продавец<p>ООО «Ромашка»</p></div><hr><ol><li>Первый</li><li>Второй</li></ol>');
    expect(content[0]).toEqual({ stack: [{ text: 'Продавец', bold: true }, { text: 'ООО «Ромашка»', bold: true, style: 'paragraph' }] });
    expect(content[1]).toMatchObject({ canvas: [{ type: 'line' }] });
    expect(content[2]).toEqual({ ol: [{ text: 'Первый' }, { text: 'Второй' }], margin: [0, 0, 0, 6] });
  });

  it('drops scripts, images and unknown markup but keeps their safe text', () => {
    const content = htmlToPdfContent('<script>alert(1)</script><p>Текст <img src="http://evil/x.png"><a href="http://x">ссылка</a></p><style>p{}</style>');
    expect(content).toEqual([{ text: 'Текст ссылка', style: 'paragraph' }]);
  });

  it('reads text-align and font-weight from a style attribute only', () => {
    expect(styleOf({ style: 'color: red; TEXT-ALIGN: Center; font-weight: 700' })).toEqual({ alignment: 'center', bold: true });
    expect(styleOf({ style: 'font-weight: 400' })).toEqual({ bold: false });
  });
});
