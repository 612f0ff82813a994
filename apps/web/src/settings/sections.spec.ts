import { describe, expect, it } from 'vitest';
import { t } from '@app/i18n';
import { SECTIONS, sectionsFor } from './sections.js';

describe('settings sections', () => {
  it('shows an agent only their own profile', () => {
    expect(sectionsFor('agent').map((s) => s.id)).toEqual(['profile']);
    expect(sectionsFor(undefined)).toEqual([]);
  });

  it('keeps automation and API keys for administrators', () => {
    const supervisor = sectionsFor('supervisor').map((s) => s.id);
    expect(supervisor).toEqual(expect.arrayContaining(['inboxes', 'teams', 'users', 'assignment', 'blacklist', 'templates']));
    expect(supervisor).not.toContain('automation');
    expect(supervisor).not.toContain('api-keys');
    expect(sectionsFor('admin')).toHaveLength(SECTIONS.length);
  });

  it('gives every section its own path and a label in both languages', () => {
    expect(new Set(SECTIONS.map((s) => s.id)).size).toBe(SECTIONS.length);
    for (const s of SECTIONS) for (const locale of ['en', 'ru'] as const) expect(t(s.labelKey, {}, locale)).not.toBe(s.labelKey);
  });
});
