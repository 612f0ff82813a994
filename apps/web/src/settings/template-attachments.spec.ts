import { describe, expect, it } from 'vitest';
import { attachmentLabel, attachmentRowsOf, attachmentsBody, fileNameFromUrl } from './template-attachments.js';

describe('template attachments', () => {
  it('drops blank rows and leaves out an empty file name', () => {
    expect(
      attachmentsBody([
        { url: ' https://cdn.example/price.pdf ', fileName: ' Прайс.pdf ' },
        { url: '   ', fileName: 'x' },
        { url: 'https://cdn.example/map.png', fileName: '' },
      ]),
    ).toEqual([{ url: 'https://cdn.example/price.pdf', fileName: 'Прайс.pdf' }, { url: 'https://cdn.example/map.png' }]);
  });

  it('keeps the stored content type of an attachment through the editor', () => {
    const rows = attachmentRowsOf([{ url: 'https://cdn.example/a.pdf', contentType: 'application/pdf' }]);
    expect(rows).toEqual([{ url: 'https://cdn.example/a.pdf', fileName: '', contentType: 'application/pdf' }]);
    expect(attachmentsBody(rows)).toEqual([{ url: 'https://cdn.example/a.pdf', contentType: 'application/pdf' }]);
  });

  it('names an attachment by its URL when no file name is given', () => {
    expect(fileNameFromUrl('https://cdn.example/files/%D0%BF%D1%80%D0%B0%D0%B9%D1%81.pdf?v=2')).toBe('прайс.pdf');
    expect(fileNameFromUrl('not a url')).toBe('');
    expect(attachmentLabel({ url: 'https://cdn.example/a/b.png', fileName: '' })).toBe('b.png');
    expect(attachmentLabel({ url: 'https://cdn.example/a/b.png', fileName: 'Схема' })).toBe('Схема');
  });
});
