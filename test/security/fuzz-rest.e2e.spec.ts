import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { FUZZ_SEED, anyJson, fuzzParameters, hostileString, mutatedJson } from '../support/fuzz.js';
import { reportReliability } from '../support/reliability-report.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RUNS = 200;

/** The list routes and the filters each one takes. */
const listRoutes: Record<string, string[]> = {
  '/api/contacts': ['q', 'tag', 'companyId', 'blocked', 'cursor', 'limit'],
  '/api/companies': ['q', 'cursor', 'limit'],
  '/api/deals': ['q', 'pipelineId', 'stageId', 'status', 'contactId', 'companyId', 'ownerId', 'cursor', 'limit'],
  '/api/conversations': ['status', 'inboxId', 'assigneeId', 'teamId', 'contactId', 'dealId', 'label', 'q', 'cursor', 'limit'],
  '/api/inboxes': ['type', 'cursor', 'limit'],
  '/api/templates': ['q', 'inboxId', 'cursor', 'limit'],
  '/api/blacklist': ['q', 'kind', 'inboxId', 'active', 'cursor', 'limit'],
  '/api/automation-rules': ['q', 'event', 'limit'],
  '/api/activities': ['type', 'contactId', 'dealId', 'conversationId', 'ownerId', 'done', 'dueBefore', 'dueAfter', 'cursor', 'limit'],
  '/api/users': ['q', 'role', 'active', 'cursor', 'limit'],
  '/api/teams': ['q', 'cursor', 'limit'],
  '/api/audit-log': ['action', 'targetId', 'cursor', 'limit'],
  '/api/assignment-policies': ['inboxId', 'teamId', 'limit'],
};

/** Names that look like SQL, LIKE wildcards, escapes and a Mongo operator, next to ordinary ones. */
const SEEDS = ['Ёлкин Пётр', '100% хлопок', 'a_b Ltd', 'back\\slash', 'Обычный Иван'];

/** What a search for each hostile term must find among the seeds: exactly these, nothing more. */
const INJECTIONS: Array<[term: string, expected: string[]]> = [
  ["' OR 1=1 --", []],
  ['%', ['100% хлопок']],
  ['_', ['a_b Ltd']],
  ['\\', ['back\\slash']],
  ['{"$gt":""}', []],
  ['ё%', []],
  ['ЕЛКИН', ['Ёлкин Пётр']],
];

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

/** Every answer is a 2xx or 4xx with a JSON body; a 4xx has the error shape. */
function expectHandled(res: Response, context: string): void {
  if (res.status >= 500 || res.status < 200) throw new Error(`${context} → ${res.status} ${JSON.stringify(res.body)}`);
  if (res.status === 204) return;
  expect(res.headers['content-type'], context).toMatch(/application\/json/);
  if (res.status >= 400) {
    expect(typeof res.body.code, context).toBe('string');
    expect(typeof res.body.message, context).toBe('string');
    if (res.status === 400 && res.body.code === 'validation_failed') expect(Array.isArray(res.body.errors), context).toBe(true);
  }
}

describe(`REST routes fed hostile queries and bodies (fast-check seed ${FUZZ_SEED})`, () => {
  let t: TestApp;
  let admin: string;
  let inbox: ApiInbox;
  let cases = 0;
  const ids: Record<string, string> = {};
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin);
    ids.inbox = inbox.id;
    for (const [index, name] of SEEDS.entries()) {
      const contact = await t.http().post('/api/contacts').set(auth()).send({ name }).expect(201);
      ids.contact = contact.body.id;
      ids.company = (await t.http().post('/api/companies').set(auth()).send({ name }).expect(201)).body.id;
      ids.deal = (await t.http().post('/api/deals').set(auth()).send({ title: name, contactId: contact.body.id }).expect(201)).body.id;
      await t.http().post('/api/templates').set(auth()).send({ shortCode: `seed${index}`, name, body: `Текст ${index}` }).expect(201);
      await postWebhook(t, inbox, { externalId: `seed-${index}`, contact: { externalId: `seed-contact-${index}`, name }, text: name }).expect(200);
    }
    // Added after the conversations, whose texts these patterns would otherwise block.
    for (const name of SEEDS) await t.http().post('/api/blacklist').set(auth()).send({ kind: 'pattern', value: name }).expect(201);
    ids.user = (await t.createUser('agent')).id;
  }, 180_000);
  afterAll(async () => {
    reportReliability('fuzz: REST routes', { fuzzCases: cases });
    await t?.close();
  });

  const get = async (path: string, query: Record<string, unknown>) => {
    cases += 1;
    const res = await t.http().get(path).set(auth()).query(query);
    expectHandled(res, `GET ${path} ${JSON.stringify(query)}`);
    return res;
  };

  it('answers 200 or 400 with JSON to random filters on every list route', async () => {
    const routes = Object.keys(listRoutes);
    const value = fc.oneof(
      hostileString,
      fc.constantFrom(() => ids.inbox, () => ids.contact, () => ids.deal, () => ids.user).map((id) => id()),
      fc.uuid(),
      fc.integer({ min: -5, max: 500 }).map(String),
      fc.constantFrom('true', 'false', 'me', 'none', 'all', 'open', 'won', 'agent', '2025-01-01', '2025-13-45'),
      fc.constantFrom(cursorOf(`1|${'-'.repeat(36)}`), cursorOf('Jan 1|01900000-0000-7000-8000-000000000000'), cursorOf('2025-01-01T00:00:00Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'), cursorOf('275760-09-13|01900000-0000-7000-8000-000000000000')),
      fc.array(hostileString, { minLength: 2, maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat().map((i) => routes[i % routes.length]),
        fc.array(fc.tuple(fc.nat(), value), { maxLength: 4 }),
        hostileString,
        async (path, pairs, extraKey) => {
          const names = [...listRoutes[path], extraKey || 'x'];
          const query = Object.fromEntries(pairs.map(([i, v]) => [names[i % names.length], v]));
          const res = await get(path, query);
          if (res.status === 200) expect(Array.isArray(res.body.items) || Array.isArray(res.body)).toBe(true);
          else expect(res.status).toBe(400);
        },
      ),
      fuzzParameters(RUNS),
    );
  });

  describe('finds exactly what matches when a search term looks like SQL, a LIKE wildcard or an operator', () => {
    // Each seed name is a contact twice: one created in the CRM, one writing to the inbox.
    const searches: Array<[path: string, label: (item: Record<string, unknown>) => unknown]> = [
      ['/api/contacts', (item) => item.name],
      ['/api/companies', (item) => item.name],
      ['/api/deals', (item) => item.title],
      ['/api/templates', (item) => item.name],
      ['/api/blacklist', (item) => item.value],
      ['/api/conversations', (item) => (item.contact as { name?: string } | undefined)?.name],
    ];
    it.each(searches)('on %s', async (path, label) => {
      for (const [term, expected] of INJECTIONS) {
        const res = await get(path, { q: term, limit: 100, ...(path === '/api/conversations' ? { status: 'all' } : {}) });
        expect(res.status, `${path}?q=${term}`).toBe(200);
        const copies = path === '/api/contacts' ? [...expected, ...expected] : expected;
        expect(res.body.items.map(label).filter((name: unknown) => SEEDS.includes(name as string)).sort(), `${path}?q=${term}`).toEqual([...copies].sort());
        // Nothing outside the seeds matches either: the term was never read as SQL.
        expect(res.body.items.length, `${path}?q=${term}`).toBe(copies.length);
      }
    });

    it('answers 400, never a match, for an injection in an id, enum or boolean filter', async () => {
      for (const [path, params] of Object.entries(listRoutes)) {
        for (const param of params.filter((name) => !['q', 'label', 'tag', 'action', 'targetId'].includes(name))) {
          for (const [term] of INJECTIONS) {
            const res = await get(path, { [param]: term });
            expect(res.status, `${path}?${param}=${term}`).toBe(400);
          }
        }
      }
    });

    it('matches a free-text tag, label or audit filter literally', async () => {
      for (const [term] of INJECTIONS) {
        expect((await get('/api/conversations', { label: term, status: 'all' })).body.items).toEqual([]);
        expect((await get('/api/audit-log', { action: term })).body.items).toEqual([]);
        expect((await get('/api/audit-log', { targetId: term })).body.items).toEqual([]);
        expect((await get('/api/contacts', { tag: term })).body.items).toEqual([]);
      }
    });
  });

  describe('bodies', () => {
    const post = async (method: 'post' | 'patch' | 'put', path: string, body: unknown) => {
      cases += 1;
      const res = await t.http()[method](path).set(auth()).set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
      expectHandled(res, `${method.toUpperCase()} ${path} ${JSON.stringify(body)?.slice(0, 300)}`);
      return res;
    };

    it('answers 2xx or 4xx with JSON to mutated create and update bodies', async () => {
      const targets: Array<[method: 'post' | 'patch' | 'put', path: () => string, fixtures: unknown[]]> = [
        ['post', () => '/api/contacts', [{ name: 'Анна', phones: ['+79123456789'], emails: ['anna@example.com'], tags: ['vip'], customFields: { city: 'Казань' } }]],
        ['patch', () => `/api/contacts/${ids.contact}`, [{ name: 'Анна Б.', tags: ['a'], blocked: false }]],
        ['post', () => '/api/companies', [{ name: 'ООО Ромашка', domain: 'romashka.ru', phone: '+74951234567' }]],
        ['post', () => '/api/deals', [{ title: 'Поставка', amount: 1000, currency: 'RUB', contactId: ids.contact, customFields: {} }]],
        ['patch', () => `/api/deals/${ids.deal}`, [{ title: 'Поставка 2', amount: '12.50', status: 'won' }]],
        ['post', () => '/api/templates', [{ shortCode: 'hello', name: 'Привет', body: 'Здравствуйте, {{contact.name}}!', inboxId: null, variants: { telegram: 'Привет' } }]],
        ['post', () => '/api/blacklist', [{ kind: 'phone', value: '+79123456789', inboxId: null, reason: 'спам' }, { kind: 'pattern', value: '/casino/i' }]],
        ['post', () => '/api/automation-rules', [{ name: 'Метка', event: 'message.created', conditions: [{ field: 'text', op: 'contains', value: 'счёт' }], actions: [{ type: 'add_label', label: 'billing' }] }]],
        ['patch', () => `/api/inboxes/${ids.inbox}`, [{ name: 'Сайт 2', enabled: true }]],
        ['post', () => '/api/activities', [{ type: 'task', subject: 'Позвонить', contactId: ids.contact, dueAt: '2030-01-01T10:00:00Z' }]],
      ];
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 1_000_000 }), async (pick, seed) => {
          const [method, path, fixtures] = targets[pick % targets.length];
          const [body] = fc.sample(mutatedJson(fixtures), { seed, numRuns: 1 });
          await post(method, path(), body);
        }),
        fuzzParameters(RUNS),
      );
    });

    it('answers 4xx with JSON to random values as a whole body', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('/api/contacts', '/api/deals', '/api/templates', '/api/blacklist', '/api/automation-rules', '/api/inboxes', '/api/auth/login'), anyJson, async (path, body) => {
          const res = await post('post', path, body);
          expect(res.status).toBeGreaterThanOrEqual(400);
        }),
        fuzzParameters(100),
      );
    });

    it('answers 400 with the JSON error shape to malformed JSON', async () => {
      cases += 1;
      const res = await t.http().post('/api/contacts').set(auth()).set('Content-Type', 'application/json').send('{"name": "Анна",');
      expect(res.status).toBe(400);
      expectHandled(res, 'malformed JSON');
    });

    it('answers 413 with the JSON error shape to a body over the limit, storing nothing', async () => {
      cases += 1;
      const before = (await get('/api/contacts', { q: 'Огромный', limit: 100 })).body.items.length;
      const res = await t.http().post('/api/contacts').set(auth()).set('Content-Type', 'application/json').send(JSON.stringify({ name: 'Огромный', customFields: { note: 'я'.repeat(700_000) } }));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.code).toBe('payload_too_large');
      expect(typeof res.body.message).toBe('string');
      expect((await get('/api/contacts', { q: 'Огромный', limit: 100 })).body.items.length).toBe(before);
    });
  });
});
