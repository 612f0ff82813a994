import { describe, expect, it } from 'vitest';
import { inboxType } from '@app/db';
import { issuePaths } from './settings-test.util.js';
import { inboxSettingsRegistry, settingsInputSchema } from './settings-registry.js';

describe('inbox settings registry', () => {
  it('has settings for every inbox type', () => {
    expect(Object.keys(inboxSettingsRegistry).sort()).toEqual([...inboxType.enumValues].sort());
  });

  it.each(inboxType.enumValues)('declares %s secrets only at paths its schema knows', (type) => {
    const { schema, secretPaths } = inboxSettingsRegistry[type];
    for (const path of secretPaths) {
      const [first] = path.split('.');
      expect(Object.keys(schema.shape)).toContain(first);
    }
  });

  it('lets a client leave out the values the server generates', () => {
    expect(issuePaths(settingsInputSchema('api'), {})).toEqual([]);
    expect(issuePaths(settingsInputSchema('webchat'), { allowedOrigins: [] })).toEqual([]);
    expect(issuePaths(settingsInputSchema('telegram'), undefined)).toEqual(['botToken']);
  });
});
