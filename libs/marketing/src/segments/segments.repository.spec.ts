import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  companies,
  contactIdentities,
  contacts,
  conversationRatings,
  conversations,
  deals,
  inboxes,
  pipelines,
  pipelineStages,
  type DatabaseHandle,
} from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { segmentFilterSchema, type SegmentCondition } from './dto/segment-filter.dto.js';
import { SegmentsRepository } from './segments.repository.js';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

interface Fixture {
  telegramId: string;
  emailId: string;
  openStageId: string;
  companyId: string;
  ids: Record<'anna' | 'boris' | 'vera', string>;
}

/**
 * Anna: Telegram, tags "Постоянный клиент" and vip, lives in Moscow, a won deal of 50 000 and an open one,
 * NPS 10, wrote two days ago, born in March, Russian, works at a company.
 * Boris: e-mail, tag "опт", Saint Petersburg, two won deals (20 000 + 5 000), NPS 3 then 8, wrote 40 days
 * ago, opted out, English. Vera: nothing but a name, created in 2020.
 */
async function seed(handle: DatabaseHandle): Promise<Fixture> {
  const { db } = handle;
  const [telegram, email] = await db
    .insert(inboxes)
    .values([
      { type: 'telegram', name: 'Бот', settings: {} },
      { type: 'email', name: 'Почта', settings: {} },
    ])
    .returning();
  const [pipeline] = await db.insert(pipelines).values({ name: 'Продажи' }).returning();
  const [open, won] = await db
    .insert(pipelineStages)
    .values([
      { pipelineId: pipeline.id, name: 'Переговоры', kind: 'open', position: 0 },
      { pipelineId: pipeline.id, name: 'Успех', kind: 'won', position: 1 },
    ])
    .returning();
  const [company] = await db.insert(companies).values({ name: 'ООО Ромашка' }).returning();
  const [anna] = await db
    .insert(contacts)
    .values({ name: 'Анна', tags: ['Постоянный клиент', 'vip'], customFields: { город: 'Москва', visits: 12 }, locale: 'ru-RU', birthday: '1990-03-08', companyId: company.id })
    .returning();
  const [boris] = await db
    .insert(contacts)
    .values({ name: 'Борис', tags: ['опт'], customFields: { город: 'Санкт-Петербург', visits: '3' }, locale: 'en', birthday: '1985-12-01', optedOutAt: daysAgo(1), optOutSource: 'reply' })
    .returning();
  const [vera] = await db.insert(contacts).values({ name: 'Вера', createdAt: new Date('2020-01-15T10:00:00Z') }).returning();

  await db.insert(contactIdentities).values([
    { contactId: anna.id, inboxId: telegram.id, externalId: '1001' },
    { contactId: boris.id, inboxId: email.id, externalId: 'boris@example.com' },
  ]);
  const deal = (contactId: string, stageId: string, amount: string, status: 'open' | 'won') => ({ title: 'Заказ', amount, pipelineId: pipeline.id, stageId, status, contactId });
  await db.insert(deals).values([deal(anna.id, won.id, '50000', 'won'), deal(anna.id, open.id, '1000', 'open'), deal(boris.id, won.id, '20000', 'won'), deal(boris.id, won.id, '5000', 'won')]);
  const [annaTalk] = await db.insert(conversations).values({ inboxId: telegram.id, contactId: anna.id, lastMessageAt: daysAgo(2), createdAt: daysAgo(3) }).returning();
  const [borisOld, borisNew] = await db
    .insert(conversations)
    .values([
      { inboxId: email.id, contactId: boris.id, lastMessageAt: daysAgo(90), createdAt: daysAgo(91) },
      { inboxId: email.id, contactId: boris.id, lastMessageAt: daysAgo(40), createdAt: daysAgo(41) },
    ])
    .returning();
  await db.insert(conversationRatings).values([
    { conversationId: annaTalk.id, contactId: anna.id, inboxId: telegram.id, stage: 'done', nps: 10, npsAt: daysAgo(2) },
    { conversationId: borisOld.id, contactId: boris.id, inboxId: email.id, stage: 'done', nps: 3, npsAt: daysAgo(90) },
    { conversationId: borisNew.id, contactId: boris.id, inboxId: email.id, stage: 'done', nps: 8, npsAt: daysAgo(40) },
  ]);
  return { telegramId: telegram.id, emailId: email.id, openStageId: open.id, companyId: company.id, ids: { anna: anna.id, boris: boris.id, vera: vera.id } };
}

describe.each(databaseTargets())('SegmentsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let repository: SegmentsRepository;
    let fx: Fixture;

    beforeAll(async () => {
      handle = await target.open();
      repository = new SegmentsRepository(handle.db);
      fx = await seed(handle);
    });
    afterAll(() => handle?.close());

    const filterOf = (conditions: unknown[], match: 'all' | 'any' = 'all') => segmentFilterSchema.parse({ match, conditions });
    async function names(conditions: unknown[], match: 'all' | 'any' = 'all'): Promise<string[]> {
      const page = await repository.contacts(filterOf(conditions, match), undefined, 100);
      return page.items.map((c) => c.name).sort();
    }
    const one = (condition: SegmentCondition | Record<string, unknown>) => names([condition]);

    it('selects by channel type and by inbox', async () => {
      expect(await one({ field: 'channel', inboxType: 'telegram' })).toEqual(['Анна']);
      expect(await one({ field: 'channel', inboxId: fx.emailId })).toEqual(['Борис']);
      expect(await one({ field: 'channel', inboxType: 'vk' })).toEqual([]);
    });

    it('selects by Cyrillic tags in any case, with "has none of" keeping contacts without tags', async () => {
      expect(await one({ field: 'tag', op: 'any', values: ['ПОСТОЯННЫЙ клиент'] })).toEqual(['Анна']);
      expect(await one({ field: 'tag', op: 'any', values: ['Опт', 'vip'] })).toEqual(['Анна', 'Борис']);
      expect(await one({ field: 'tag', op: 'none', values: ['опт'] })).toEqual(['Анна', 'Вера']);
    });

    it('compares custom fields as folded text, as numbers, and by presence', async () => {
      expect(await one({ field: 'customField', key: 'город', op: 'eq', value: 'МОСКВА' })).toEqual(['Анна']);
      expect(await one({ field: 'customField', key: 'город', op: 'neq', value: 'москва' })).toEqual(['Борис', 'Вера']);
      expect(await one({ field: 'customField', key: 'город', op: 'contains', value: 'Петер' })).toEqual(['Борис']);
      expect(await one({ field: 'customField', key: 'visits', op: 'gt', value: 5 })).toEqual(['Анна']);
      expect(await one({ field: 'customField', key: 'visits', op: 'lt', value: '5' })).toEqual(['Борис']);
      expect(await one({ field: 'customField', key: 'город', op: 'exists' })).toEqual(['Анна', 'Борис']);
    });

    it('selects by deal stage, deal amount, won deals and won revenue', async () => {
      expect(await one({ field: 'dealStage', stageId: fx.openStageId })).toEqual(['Анна']);
      expect(await one({ field: 'dealAmount', op: 'gte', value: 20000 })).toEqual(['Анна', 'Борис']);
      expect(await one({ field: 'dealAmount', op: 'lt', value: 2000 })).toEqual(['Анна']);
      expect(await one({ field: 'wonDeals', op: 'eq', value: 2 })).toEqual(['Борис']);
      expect(await one({ field: 'wonDeals', op: 'eq', value: 0 })).toEqual(['Вера']);
      expect(await one({ field: 'wonRevenue', op: 'gt', value: 30000 })).toEqual(['Анна']);
      expect(await one({ field: 'wonRevenue', op: 'lte', value: 25000 })).toEqual(['Борис', 'Вера']);
    });

    it('selects by the last conversation activity, counting contacts never talked to as not recent', async () => {
      expect(await one({ field: 'lastContact', op: 'within', days: 7 })).toEqual(['Анна']);
      expect(await one({ field: 'lastContact', op: 'not_within', days: 30 })).toEqual(['Борис', 'Вера']);
      expect(await one({ field: 'lastContact', op: 'before', date: daysAgo(30).toISOString() })).toEqual(['Борис']);
      expect(await one({ field: 'lastContact', op: 'after', date: daysAgo(10).toISOString().slice(0, 10) })).toEqual(['Анна']);
    });

    it('selects by the latest NPS score and by its category', async () => {
      expect(await one({ field: 'nps', category: 'promoter' })).toEqual(['Анна']);
      expect(await one({ field: 'nps', category: 'passive' })).toEqual(['Борис']);
      expect(await one({ field: 'nps', category: 'detractor' })).toEqual([]);
      expect(await one({ field: 'nps', op: 'lt', value: 9 })).toEqual(['Борис']);
    });

    it('selects by opt-out, creation date, birthday month, locale and company', async () => {
      expect(await one({ field: 'optedOut', value: true })).toEqual(['Борис']);
      expect(await one({ field: 'optedOut', value: false })).toEqual(['Анна', 'Вера']);
      expect(await one({ field: 'createdAt', op: 'before', date: '2021-01-01' })).toEqual(['Вера']);
      expect(await one({ field: 'createdAt', op: 'within', days: 1 })).toEqual(['Анна', 'Борис']);
      expect(await one({ field: 'birthdayMonth', month: 3 })).toEqual(['Анна']);
      expect(await one({ field: 'locale', values: ['ru'] })).toEqual(['Анна']);
      expect(await one({ field: 'locale', values: ['EN', 'de'] })).toEqual(['Борис']);
      expect(await one({ field: 'company', op: 'is', companyId: fx.companyId })).toEqual(['Анна']);
      expect(await one({ field: 'company', op: 'not_exists' })).toEqual(['Борис', 'Вера']);
    });

    it('combines conditions with all and any, and matches everyone without conditions', async () => {
      const telegramVip = [
        { field: 'channel', inboxType: 'telegram' },
        { field: 'tag', op: 'any', values: ['vip'] },
      ];
      expect(await names(telegramVip, 'all')).toEqual(['Анна']);
      expect(await names([{ field: 'tag', op: 'any', values: ['опт'] }, { field: 'createdAt', op: 'before', date: '2021-01-01' }], 'any')).toEqual(['Борис', 'Вера']);
      expect(await names([{ field: 'tag', op: 'any', values: ['опт'] }, { field: 'createdAt', op: 'before', date: '2021-01-01' }], 'all')).toEqual([]);
      expect(await names([])).toEqual(['Анна', 'Борис', 'Вера']);
    });

    it('treats values as data, never as SQL', async () => {
      expect(await one({ field: 'tag', op: 'any', values: ["vip') or true or ('"] })).toEqual([]);
      expect(await one({ field: 'customField', key: "город' or 1=1 --", op: 'exists' })).toEqual([]);
    });

    it('pages ids in ascending order, counts, answers membership and sums up the figures', async () => {
      const everyone = filterOf([]);
      const sorted = Object.values(fx.ids).sort();
      const first = await repository.idsAfter(everyone, null, 2);
      expect(first).toEqual(sorted.slice(0, 2));
      expect(await repository.idsAfter(everyone, first[1], 2)).toEqual(sorted.slice(2));
      expect(await repository.count(filterOf([{ field: 'wonDeals', op: 'gte', value: 1 }]))).toBe(2);
      expect(await repository.has(filterOf([{ field: 'optedOut', value: true }]), fx.ids.boris)).toBe(true);
      expect(await repository.has(filterOf([{ field: 'optedOut', value: true }]), fx.ids.anna)).toBe(false);
      expect(await repository.figures(everyone)).toEqual({ count: 3, optedOut: 1, byChannel: { email: 1, telegram: 1 }, wonDeals: 3, wonRevenue: '75000.00' });
    });
  });
});
