import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SecretBox } from '@app/common';
import { automationRules, inboxes, messages, openDatabase, type DatabaseHandle } from '@app/db';
import { rotateSealedSecrets, UnopenableSecretError } from '../../apps/server/src/cli/secret-rotation.js';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { createDatabaseOnServer } from '../support/databases.js';
import { startTestApp } from '../support/test-app.js';

const OLD_SECRET = 'old-app-secret-0123456789abcdef0123456789abcdef';
const NEW_SECRET = 'new-app-secret-fedcba9876543210fedcba9876543210';

interface ReopenableTarget {
  name: string;
  skipReason: string | null;
  /** Opens the same database again each time (the app closes its handle when it stops). */
  reopen(): Promise<DatabaseHandle>;
  cleanup(): void;
}

function targets(): ReopenableTarget[] {
  const dir = mkdtempSync(join(tmpdir(), 'omnibox-rotation-'));
  const adminUrl = inject('pgAdminUrl');
  let url: Promise<string> | undefined;
  return [
    { name: 'pglite', skipReason: null, reopen: () => openDatabase({ pgliteDataDir: dir }), cleanup: () => rmSync(dir, { recursive: true, force: true }) },
    {
      name: 'postgresql',
      skipReason: adminUrl ? null : inject('pgMissingReason'),
      reopen: async () => openDatabase({ databaseUrl: await (url ??= createDatabaseOnServer(adminUrl!)), poolSize: 2 }),
      cleanup: () => undefined,
    },
  ];
}

describe.each(targets())('rotating APP_SECRET on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let inbox: ApiInbox;
    let ruleId: string;
    let ruleSecret: string;
    afterAll(() => target.cleanup());

    const sealedRows = async () => {
      const handle = await target.reopen();
      try {
        const [row] = await handle.db.select().from(inboxes).where(eq(inboxes.id, inbox.id));
        const [rule] = await handle.db.select().from(automationRules).where(eq(automationRules.id, ruleId));
        return { settings: row.settings, ruleSecret: rule.webhookSecret };
      } finally {
        await handle.close();
      }
    };
    const rotate = async (from: string, dryRun = false, progress: string[] = []) => {
      const handle = await target.reopen();
      try {
        return await rotateSealedSecrets(handle.db, { from, to: NEW_SECRET, dryRun, progress: (line) => progress.push(line) });
      } finally {
        await handle.close();
      }
    };
    const storedText = async (text: string) => {
      const handle = await target.reopen();
      try {
        return (await handle.db.select().from(messages).where(eq(messages.content, text))).length;
      } finally {
        await handle.close();
      }
    };

    it('seals an inbox secret and a rule secret under the old APP_SECRET', async () => {
      const t = await startTestApp({ database: await target.reopen(), appSecret: OLD_SECRET });
      try {
        const admin = await t.adminToken();
        inbox = await createApiInbox(t, admin);
        await postWebhook(t, inbox, { externalId: 'before', contact: { externalId: 'c-1', name: 'Анна' }, text: 'до ротации' }).expect(200);
        const rule = await t
          .http()
          .post('/api/automation-rules')
          .set('Authorization', `Bearer ${admin}`)
          .send({ name: 'CRM', event: 'message.created', actions: [{ type: 'webhook', url: 'https://crm.example.com/hook' }] })
          .expect(201);
        ruleId = rule.body.id;
        ruleSecret = rule.body.webhookSecret;
      } finally {
        await t.close();
      }
      const stored = await sealedRows();
      expect(String(stored.settings.webhookSecret)).toMatch(/^enc:v1:/);
      expect(stored.ruleSecret).toMatch(/^enc:v1:/);
    }, 120_000);

    it('counts the values in a dry run and changes nothing', async () => {
      const before = await sealedRows();
      const progress: string[] = [];
      const report = await rotate(OLD_SECRET, true, progress);
      expect(report.locations).toMatchObject({ 'inboxes.settings': 1, 'automation_rules.webhook_secret': 1 });
      expect(progress).toContain('would re-encrypt 1 value(s) in inboxes.settings');
      expect(await sealedRows()).toEqual(before);
    }, 60_000);

    it('changes nothing when the old secret given is wrong', async () => {
      const before = await sealedRows();
      await expect(rotate('not-the-old-secret-0123456789abcdef')).rejects.toBeInstanceOf(UnopenableSecretError);
      expect(await sealedRows()).toEqual(before);
    }, 60_000);

    it('re-encrypts every sealed value, after which the inbox works with the new secret and not with the old', async () => {
      const before = await sealedRows();
      const progress: string[] = [];
      const report = await rotate(OLD_SECRET, false, progress);
      expect(report.values).toBe(Object.values(report.locations).reduce((a, b) => a + b, 0));
      expect(report.locations).toMatchObject({ 'inboxes.settings': 1, 'automation_rules.webhook_secret': 1 });
      expect(progress).toContain('re-encrypted 1 value(s) in automation_rules.webhook_secret');
      const after = await sealedRows();
      expect(after.settings.webhookSecret).not.toBe(before.settings.webhookSecret);
      expect(new SecretBox(NEW_SECRET, 'automation-webhooks').decrypt(after.ruleSecret)).toBe(ruleSecret);
      expect(new SecretBox(NEW_SECRET).decrypt(String(after.settings.webhookSecret))).toBe(inbox.webhookSecret);

      const withNew = await startTestApp({ database: await target.reopen(), appSecret: NEW_SECRET });
      try {
        await postWebhook(withNew, inbox, { externalId: 'after', contact: { externalId: 'c-1' }, text: 'после ротации' }).expect(200);
        await withNew.http().get(`/api/automation-rules/${ruleId}`).set('Authorization', `Bearer ${await withNew.adminToken()}`).expect(200);
      } finally {
        await withNew.close();
      }
      expect(await storedText('после ротации')).toBe(1);

      const withOld = await startTestApp({ database: await target.reopen(), appSecret: OLD_SECRET });
      try {
        const refused = await postWebhook(withOld, inbox, { externalId: 'stale', contact: { externalId: 'c-1' }, text: 'старый ключ' });
        expect(refused.status).toBeGreaterThanOrEqual(400);
      } finally {
        await withOld.close();
      }
      expect(await storedText('старый ключ')).toBe(0);
    }, 180_000);
  });
});
