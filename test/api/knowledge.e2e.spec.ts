import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { auth, routingHelpers, type ConversationBody } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('knowledge base over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;
  let inbox: ApiInbox;
  let otherInbox: ApiInbox;
  let agent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let conversation: ConversationBody;
  let categoryId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
    inbox = await createApiInbox(t, admin, undefined, 'Knowledge');
    otherInbox = await createApiInbox(t, admin, undefined, 'Knowledge other');
    agent = await t.createUser('agent', { name: 'Агент базы', inboxIds: [inbox.id] });
    supervisor = await t.createUser('supervisor', { name: 'Редактор базы' });
    categoryId = (await t.http().post('/api/knowledge/categories').set(auth(supervisor.token)).send({ name: 'Возврат и обмен' }).expect(201)).body.id;
    const articles = [
      { key: 'returnRu', title: 'Возврат товара', summary: 'Вернуть товар можно в течение 14 дней.', body: '1. Напишите номер заказа.\n2. Передайте товар курьеру.', categoryId },
      { key: 'deliveryRu', title: 'Доставка', summary: 'Курьером за 1–2 дня.', body: 'Бесплатно от **5000 ₽**.' },
      { key: 'returnEn', title: 'Return an item', summary: 'Send it back within 14 days.', body: 'Hand the parcel to our courier.', locale: 'en' },
      { key: 'draft', title: 'Оплата картой <script>alert(1)</script>', summary: 'Черновик', status: 'draft' },
    ];
    for (const { key, ...article } of articles) {
      const res = await t.http().post('/api/knowledge/articles').set(auth(supervisor.token)).send({ status: 'published', ...article }).expect(201);
      ids[key] = res.body.id;
    }
  });
  afterAll(() => t?.close());

  const search = (q: string, query: Record<string, string> = {}) =>
    t.http().get('/api/knowledge/search').query({ q, ...query }).set(auth(agent.token)).expect(200).then((r) => (r.body.items as Array<{ title: string }>).map((a) => a.title));

  it('creates articles with slugs made from titles and refuses agents and taken slugs', async () => {
    const article = (await t.http().get(`/api/knowledge/articles/${ids.returnRu}`).set(auth(agent.token)).expect(200)).body;
    expect(article).toMatchObject({ slug: 'vozvrat-tovara', status: 'published', locale: 'ru', categoryId });
    expect(article.publicUrl).toMatch(/\/help\/vozvrat-tovara$/);
    await t.http().post('/api/knowledge/articles').set(auth(agent.token)).send({ title: 'Моя статья' }).expect(403);
    const taken = await t.http().post('/api/knowledge/articles').set(auth(admin)).send({ title: 'Другая', slug: 'vozvrat-tovara' }).expect(409);
    expect(taken.body.code).toBe('duplicate_slug');
    const again = await t.http().post('/api/knowledge/articles').set(auth(admin)).send({ title: 'Доставка' }).expect(201);
    expect(again.body.slug).toBe('dostavka-2');
    await t.http().delete(`/api/knowledge/articles/${again.body.id}`).set(auth(admin)).expect(204);
    await t.http().get(`/api/knowledge/articles/${again.body.id}`).set(auth(admin)).expect(404);
    const bad = await t.http().post('/api/knowledge/articles').set(auth(admin)).send({ title: 'X', slug: 'Не slug', locale: 'de' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['locale', 'slug']);
    await t.http().post('/api/knowledge/articles').set(auth(admin)).send({ title: 'X', categoryId: '01900000-0000-7000-8000-000000000000' }).expect(404);
  });

  it('lets agents read drafts and lists articles by category and status', async () => {
    const drafts = await t.http().get('/api/knowledge/articles').query({ status: 'draft' }).set(auth(agent.token)).expect(200);
    expect(drafts.body.items.map((a: { id: string }) => a.id)).toEqual([ids.draft]);
    const inCategory = await t.http().get('/api/knowledge/articles').query({ categoryId }).set(auth(agent.token)).expect(200);
    expect(inCategory.body.items.map((a: { id: string }) => a.id)).toEqual([ids.returnRu]);
    const categories = await t.http().get('/api/knowledge/categories').set(auth(agent.token)).expect(200);
    expect(categories.body.items).toEqual([expect.objectContaining({ id: categoryId, slug: 'vozvrat-i-obmen', articleCount: 1 })]);
  });

  it('finds Russian articles by inflected forms with Russian stemming', async () => {
    expect(await search('возврата товаров', { locale: 'ru' })).toEqual(['Возврат товара']);
    expect(await search('доставку')).toEqual(['Доставка']);
  });

  it('finds English articles by stem when searching in English', async () => {
    expect(await search('returning items', { locale: 'en' })).toEqual(['Return an item']);
    expect(await search('returning items')).toEqual(['Return an item']);
  });

  it('finds words typed in part and leaves drafts out when asked for published ones', async () => {
    expect(await search('возвр')).toEqual(['Возврат товара']);
    expect(await search('оплата')).toEqual(['Оплата картой <script>alert(1)</script>']);
    expect(await search('оплата', { published: 'true' })).toEqual([]);
  });

  it('renders the article preview as sanitized HTML', async () => {
    const res = await t.http().post('/api/knowledge/preview').set(auth(supervisor.token)).send({ body: '**Жирный** <img src=x onerror=alert(1)>' }).expect(200);
    expect(res.body.html).toBe('<p><strong>Жирный</strong> &lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('suggests articles for the customer\'s last message and hides other inboxes\' conversations', async () => {
    conversation = await h.customerWrites(inbox, { externalId: 'kb-customer', name: 'Ольга' }, 'Добрый день');
    const empty = await t.http().get('/api/knowledge/suggestions').query({ conversationId: conversation.id }).set(auth(agent.token)).expect(200);
    expect(empty.body.items).toEqual([]);
    await postWebhook(t, inbox, { externalId: 'kb-2', contact: { externalId: 'kb-customer' }, text: 'Как сделать возврат товара? Не подошёл размер' }).expect(200);
    const res = await t.http().get('/api/knowledge/suggestions').query({ conversationId: conversation.id }).set(auth(agent.token)).expect(200);
    expect(res.body.query).toBe('Как сделать возврат товара? Не подошёл размер');
    expect(res.body.items[0]).toMatchObject({ title: 'Возврат товара', slug: 'vozvrat-tovara' });
    expect(res.body.items[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/help\/vozvrat-tovara$/);
    expect(res.body.items.length).toBeLessThanOrEqual(3);
    expect(res.body.items.map((a: { title: string }) => a.title)).not.toContain('Оплата картой <script>alert(1)</script>');

    const other = await h.customerWrites(otherInbox, { externalId: 'kb-other', name: 'Пётр' }, 'Где моя доставка?');
    await t.http().get('/api/knowledge/suggestions').query({ conversationId: other.id }).set(auth(agent.token)).expect(404);
    await t.http().get('/api/knowledge/suggestions').query({ conversationId: other.id }).set(auth(admin)).expect(200);
  });

  it('documents the knowledge routes in OpenAPI and leaves the public pages out', async () => {
    const paths = Object.keys((await t.http().get('/api/docs/json').expect(200)).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/knowledge/articles', '/api/knowledge/articles/{id}', '/api/knowledge/categories', '/api/knowledge/search', '/api/knowledge/suggestions']));
    expect(paths.filter((p) => p.startsWith('/help') || p.startsWith('/api/help'))).toEqual([]);
  });

  describe('bot flows', () => {
    const answerFlow = {
      start: 'kb',
      nodes: [
        { id: 'kb', type: 'knowledge_answer', text: { ru: 'Вот что я нашёл:', en: 'Here is what I found:' } },
        { id: 'done', type: 'end' },
        { id: 'human', type: 'handoff', text: { ru: 'Передаю оператору', en: 'An agent will help' } },
      ],
      edges: [{ from: 'kb', to: 'done' }, { from: 'kb', to: 'human', on: 'notFound' }],
    };

    it('answers from the knowledge base in the simulator and follows "notFound" when nothing matches', async () => {
      const ask = { start: 'q', nodes: [{ id: 'q', type: 'ask', kind: 'text', variable: 'question', text: 'Ваш вопрос?' }, ...answerFlow.nodes], edges: [{ from: 'q', to: 'kb' }, ...answerFlow.edges] };
      const flow = (await t.http().post('/api/bot-flows').set(auth(admin)).send({ name: 'База знаний', document: ask, triggers: [] }).expect(201)).body;
      const simulate = (body: Record<string, unknown>) => t.http().post(`/api/bot-flows/${flow.id}/simulate`).set(auth(admin)).send(body).expect(200).then((r) => r.body);
      const started = await simulate({ locale: 'en' });
      const answered = await simulate({ sessionId: started.sessionId, input: { text: 'returning items' } });
      expect(answered.replies[0].text).toMatch(/^Here is what I found:\n\nReturn an item\nSend it back within 14 days\.\n.*\/help\/return-an-item$/s);
      expect(answered.effects.map((e: { kind: string }) => e.kind)).toEqual(['knowledge_search', 'end']);
      const again = await simulate({ locale: 'ru' });
      const missed = await simulate({ sessionId: again.sessionId, input: { text: 'zzzqqq' } });
      expect(missed.replies.map((r: { text: string }) => r.text)).toEqual(['Передаю оператору']);
    });

    it('answers a customer in a real conversation with the article found for the message that started the flow', async () => {
      const botInbox = await createApiInbox(t, admin, undefined, 'Knowledge bot');
      const triggers = [{ type: 'keyword', inboxId: botInbox.id, keywords: ['вопрос'] }];
      const flow = (await t.http().post('/api/bot-flows').set(auth(admin)).send({ name: 'Ответы из базы', document: answerFlow, triggers }).expect(201)).body;
      await t.http().post(`/api/bot-flows/${flow.id}/publish`).set(auth(admin)).expect(200);
      await postWebhook(t, botInbox, { externalId: 'kb-bot-1', contact: { externalId: 'kb-bot-customer', name: 'Ирина' }, text: 'Вопрос: как вернуть товар?' }).expect(200);
      const list = await eventually(async () => {
        const res = await t.http().get('/api/conversations').query({ inboxId: botInbox.id, status: 'all' }).set(auth(admin)).expect(200);
        if (!res.body.items.length) throw new Error('no conversation yet');
        return res.body.items as Array<{ id: string }>;
      });
      const texts = await eventually(async () => {
        const bot = (await h.messages(list[0]!.id)).filter((m) => m.senderType === 'bot').map((m) => m.content);
        if (!bot.length) throw new Error('the bot has not answered yet');
        return bot;
      });
      expect(texts[0]).toMatch(/^Вот что я нашёл:\n\nВозврат товара\n.*\/help\/vozvrat-tovara$/s);
    });
  });

  describe('public help center', () => {
    it('shows the front page in the reader\'s language with its categories and a search box without signing in', async () => {
      const res = await t.http().get('/help').set('Accept-Language', 'en-US,en;q=0.9').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<h1>Help center</h1>');
      expect(res.text).toContain('name="q"');
      expect(res.text).toContain('href="/help/return-an-item"');
      expect(res.text).not.toContain('Возврат и обмен');
      const ru = await t.http().get('/help?lang=ru').set('Accept-Language', 'en').expect(200);
      expect(ru.text).toContain('<h1>Справочный центр</h1>');
      expect(ru.text).toContain('href="/help/category/vozvrat-i-obmen?lang=ru"');
      expect(ru.text).toContain('href="/help/dostavka?lang=ru"');
    });

    it('shows a published article in its own language, escaped and sanitized', async () => {
      await t.http().patch(`/api/knowledge/articles/${ids.returnRu}`).set(auth(admin)).send({ summary: 'Условия <b onclick="x()">возврата</b> & сроки', body: 'Шаги:\n\n<script>alert(1)</script>\n\n[ссылка](javascript:alert(1))' }).expect(200);
      const res = await t.http().get('/help/vozvrat-tovara').set('Accept-Language', 'en').expect(200);
      expect(res.text).toContain('<h1>Возврат товара</h1>');
      expect(res.text).toContain('<article class="body" lang="ru">');
      expect(res.text).toContain('Условия &lt;b onclick=&quot;x()&quot;&gt;возврата&lt;/b&gt; &amp; сроки');
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('javascript:');
      expect(res.text).toContain('Help center');
      const article = (await t.http().get(`/api/knowledge/articles/${ids.returnRu}`).set(auth(admin)).expect(200)).body;
      expect(article.views).toBe(1);
    });

    it('answers a 404 page that says what to do for drafts and unknown slugs', async () => {
      const draftSlug = (await t.http().get(`/api/knowledge/articles/${ids.draft}`).set(auth(admin)).expect(200)).body.slug;
      const draft = await t.http().get(`/help/${draftSlug}`).query({ lang: 'ru' }).expect(404);
      expect(draft.text).toContain('Страница не найдена');
      expect(draft.text).toContain('Воспользуйтесь поиском');
      const unknown = await t.http().get('/help/no-such-article').query({ lang: 'en' }).expect(404);
      expect(unknown.headers['content-type']).toMatch(/text\/html/);
      expect(unknown.text).toContain('Search the help center below');
      await t.http().get('/help/category/nope/extra').expect(404);
    });

    it('lists a category and search results, leaving drafts out and escaping the query', async () => {
      const category = await t.http().get('/help/category/vozvrat-i-obmen').expect(200);
      expect(category.text).toContain('href="/help/vozvrat-tovara"');
      const found = await t.http().get('/help').query({ q: 'доставку', lang: 'ru' }).expect(200);
      expect(found.text).toContain('>Доставка</a>');
      const drafts = await t.http().get('/help').query({ q: 'оплата <script>', lang: 'en' }).expect(200);
      expect(drafts.text).toContain('Nothing was found for “оплата &lt;script&gt;”');
      expect(drafts.text).not.toContain('Оплата картой');
      await t.http().get('/help').query({ q: 'доставка '.repeat(60) }).expect(200);
    });
  });
});
