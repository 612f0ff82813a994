import { describe, expect, it } from 'vitest';
import { attachmentName } from './csv-export.js';

describe('attachmentName', () => {
  it('takes the encoded name first, then the plain one, then the fallback', () => {
    expect(attachmentName(`attachment; filename="report.csv"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.csv`, 'x.csv')).toBe('отчёт.csv');
    expect(attachmentName('attachment; filename="summary-2026-11.csv"', 'x.csv')).toBe('summary-2026-11.csv');
    expect(attachmentName('attachment', 'x.csv')).toBe('x.csv');
    expect(attachmentName(null, 'x.csv')).toBe('x.csv');
  });
});
