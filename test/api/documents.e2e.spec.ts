import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as updates from '../support/fakes/telegram-updates.js';
import { eventually } from '../support/eventually.js';
import { binary, pdfText } from '../support/pdf-text.js';
import { createTelegramInbox, postUpdate, type TelegramInbox } from '../support/telegram-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://crm.example.com';
const YEAR = new Date().getUTCFullYear();

interface Template {
  id: string;
  kind: string;
  locale: string;
  isDefault: boolean;
  name: string;
}

/** pdf.js returns text in runs; compare with single spaces whatever the line breaks were. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('documents from templates over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let fake: FakeTelegramBotApi;
  let inbox: TelegramInbox;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let templates: Template[];
  let dealId: string;
  const auth = (token = admin) => ({ Authorization: `Bearer ${token}` });
  const templateOf = (kind: string, locale: string) => templates.find((x) => x.kind === kind && x.locale === locale && x.isDefault)!;
  const generate = (templateId: string, token = admin, deal = dealId) => t.http().post(`/api/deals/${deal}/documents`).set(auth(token)).send({ templateId });

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
    t = await startTestApp({ env: { PUBLIC_URL }, queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    inbox = await createTelegramInbox(t, admin, fake);
    agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    outsider = await t.createUser('agent');
    templates = (await t.http().get('/api/document-templates').set(auth()).expect(200)).body.items;
    const contact = await t.http().post('/api/contacts').set(auth()).send({ name: 'Пётр Ёлкин' }).expect(201);
    const deal = await t
      .http()
      .post('/api/deals')
      .set(auth())
      .send({
        title: 'Кухня для ресторана «Щи да каша»',
        contactId: contact.body.id,
        lineItems: [
          { name: 'Кухонный гарнитур «Ольха»', quantity: 1, unitPrice: '1200000.00' },
          { name: 'Сборка и установка', quantity: 3, unitPrice: '11522.63' },
        ],
      })
      .expect(201);
    dealId = deal.body.id;
    await t
      .http()
      .put('/api/document-settings')
      .set(auth())
      .send({ companyName: 'ООО «Ромашка»', taxId: '7701234567', kpp: '770101001', address: 'Москва, ул. Ленина, 1', bank: 'АО «Банк»', account: '40702810900000000001', bik: '044525225', signatory: 'Иванов И. И.' })
      .expect(200);
   }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('creates default invoice, quote and contract templates in Russian and English on the first start', () => {
    expect(templates.map((x) => `${x.kind}/${x.locale}`).sort()).toEqual(['contract/en', 'contract/ru', 'invoice/en', 'invoice/ru', 'quote/en', 'quote/ru']);
    expect(templates.every((x) => x.isDefault)).toBe(true);
  });

  it('renders a Russian invoice PDF with the deal, its line items, the total and the amount in words', async () => {
    const created = await generate(templateOf('invoice', 'ru').id).expect(201);
    expect(created.body).toMatchObject({ dealId, kind: 'invoice', number: `СЧ-${YEAR}-0001`, contentType: 'application/pdf' });
    expect(created.body.fileName).toMatch(new RegExp(`^Счёт № СЧ-${YEAR}-0001 от \\d\\d\\.\\d\\d\\.${YEAR}\\.pdf$`));
    expect(created.body).not.toHaveProperty('pdf');

    const file = await t.http().get(`/api/documents/${created.body.id}/file`).set(auth()).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${created.body.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(created.body.fileName)}`);
    expect(Number(file.headers['content-length'])).toBe(created.body.size);

    const { text } = await pdfText(file.body as Buffer);
    const printed = flat(text);
    expect(printed).toContain('Кухня для ресторана «Щи да каша»');
    expect(printed).toContain('Пётр Ёлкин');
    expect(printed).toContain('ООО «Ромашка», ИНН 7701234567');
    expect(printed).toContain('Кухонный гарнитур «Ольха»');
    expect(printed).toContain('Сборка и установка');
    expect(printed).toContain('1 200 000,00 ₽');
    expect(printed).toContain('34 567,89 ₽');
    expect(printed).toContain('1 234 567,89 ₽');
    expect(printed).toContain('Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек');
  });

  it('numbers each kind separately per year and never gives two concurrent documents the same number', async () => {
    const quote = await generate(templateOf('quote', 'ru').id).expect(201);
    expect(quote.body.number).toBe(`КП-${YEAR}-0001`);
    const english = await generate(templateOf('invoice', 'en').id).expect(201);
    expect(english.body.number).toBe(`INV-${YEAR}-0002`);
    const together = await Promise.all([1, 2, 3].map(() => generate(templateOf('invoice', 'ru').id).expect(201)));
    expect(together.map((r) => r.body.number).sort()).toEqual([`СЧ-${YEAR}-0003`, `СЧ-${YEAR}-0004`, `СЧ-${YEAR}-0005`]);
    const list = await t.http().get(`/api/deals/${dealId}/documents`).set(auth(agent.token)).expect(200);
    expect(list.body.items).toHaveLength(6);
    expect(list.body.items[0]).not.toHaveProperty('pdf');
  });

  it('notes a created document on the deal timeline', async () => {
    const activities = await t.http().get(`/api/activities?dealId=${dealId}&limit=100`).set(auth()).expect(200);
    expect(activities.body.items.map((a: { subject: string }) => a.subject)).toContainEqual(expect.stringMatching(new RegExp(`^Создан документ: Счёт № СЧ-${YEAR}-0001`)));
  });

  it('answers 400 with the names of unknown variables when a template is saved', async () => {
    const html = '<p>{{deal.titel}}</p><table>{{#items}}<tr><td>{{name}}</td><td>{{colour}}</td></tr>{{/items}}</table>';
    const res = await t.http().post('/api/document-templates').set(auth()).set('Accept-Language', 'en').send({ kind: 'invoice', locale: 'ru', name: 'Опечатка', html }).expect(400);
    expect(res.body).toMatchObject({ code: 'unknown_template_variables', unknownVariables: ['colour', 'deal.titel'] });
    expect(res.body.message).toContain('{{colour}}, {{deal.titel}}');
    expect(res.body.errors).toEqual([{ field: 'html', message: res.body.message }]);
    const existing = templateOf('quote', 'en');
    const patch = await t.http().patch(`/api/document-templates/${existing.id}`).set(auth()).send({ html: '{{seller.iban}}' }).expect(400);
    expect(patch.body.unknownVariables).toEqual(['seller.iban']);
  });

  it('lets an administrator create a new default template that replaces the old default', async () => {
    const created = await t
      .http()
      .post('/api/document-templates')
      .set(auth())
      .send({ kind: 'contract', locale: 'en', name: 'Short contract', html: '<h1>{{document.title}}</h1><p>{{total_in_words}}</p>', isDefault: true })
      .expect(201);
    const contracts = (await t.http().get('/api/document-templates?kind=contract&locale=en').set(auth()).expect(200)).body.items as Template[];
    expect(contracts.filter((x) => x.isDefault).map((x) => x.id)).toEqual([created.body.id]);
    const doc = await generate(created.body.id).expect(201);
    const { text } = await pdfText((await t.http().get(`/api/documents/${doc.body.id}/file`).set(auth()).buffer(true).parse(binary).expect(200)).body as Buffer);
    expect(flat(text)).toContain('One million two hundred thirty-four thousand five hundred sixty-seven roubles 89 kopecks');
  });

  it('keeps template changes and seller requisites to administrators', async () => {
    await t.http().post('/api/document-templates').set(auth(agent.token)).send({ kind: 'invoice', locale: 'ru', name: 'x', html: '<p>x</p>' }).expect(403);
    await t.http().get('/api/document-settings').set(auth(agent.token)).expect(403);
    const settings = await t.http().get('/api/document-settings').set(auth()).expect(200);
    expect(settings.body).toMatchObject({ companyName: 'ООО «Ромашка»', bik: '044525225' });
  });

  it('previews HTML as a PDF without using up a number', async () => {
    const res = await t
      .http()
      .post('/api/document-templates/preview')
      .set(auth())
      .send({ kind: 'invoice', locale: 'ru', html: '<h1>{{document.number}}</h1><p>{{deal.title}}</p>', dealId })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(flat((await pdfText(res.body as Buffer)).text)).toContain(`СЧ-${YEAR}-0000 Кухня для ресторана`);
    const next = await generate(templateOf('invoice', 'ru').id).expect(201);
    expect(next.body.number).toBe(`СЧ-${YEAR}-0006`);
  });

  it('answers 404 for a missing deal or template', async () => {
    const missing = '01900000-0000-7000-8000-0000000000ff';
    await generate(templateOf('invoice', 'ru').id, admin, missing).expect(404);
    const res = await generate(missing).expect(404);
    expect(res.body.code).toBe('not_found');
  });

  describe('sending into a Telegram conversation', () => {
    let conversationId: string;
    let documentId: string;

    beforeAll(async () => {
      await postUpdate(t, inbox, updates.privateText(9_001, 301, 'Пришлите, пожалуйста, счёт')).expect(200);
      conversationId = await eventually(async () => {
        const list = await t.http().get(`/api/conversations?inboxId=${inbox.id}&status=all`).set(auth(agent.token)).expect(200);
        if (!list.body.items.length) throw new Error('no conversation yet');
        return list.body.items[0].id as string;
      });
      documentId = (await generate(templateOf('invoice', 'ru').id, agent.token).expect(201)).body.id;
    });

    it('posts the PDF with sendDocument by a signed public link that serves the same file', async () => {
      const message = await t.http().post(`/api/documents/${documentId}/send`).set(auth(agent.token)).send({ conversationId }).expect(201);
      expect(message.body).toMatchObject({ messageType: 'outgoing', status: 'queued' });
      const call = await fake.waitForCall('sendDocument');
      expect(call.params.chat_id).toBe(updates.CUSTOMER.id);
      const link = String(call.params.document);
      expect(link.startsWith(`${PUBLIC_URL}/api/public/documents/${documentId}.`)).toBe(true);

      const publicFile = await t.http().get(link.slice(PUBLIC_URL.length)).buffer(true).parse(binary).expect(200);
      const stored = await t.http().get(`/api/documents/${documentId}/file`).set(auth()).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(publicFile.body as Buffer, stored.body as Buffer)).toBe(0);
      expect(publicFile.headers['content-type']).toBe('application/pdf');

      const activities = await t.http().get(`/api/activities?dealId=${dealId}&limit=100`).set(auth()).expect(200);
      expect(activities.body.items.map((a: { subject: string }) => a.subject)).toContainEqual(expect.stringMatching(/^Документ отправлен клиенту: Счёт №/));
    });

    it('refuses a forged public link', async () => {
      const token = `${documentId}.${Math.floor(Date.now() / 1000) + 60}.${'A'.repeat(43)}`;
      await t.http().get(`/api/public/documents/${token}`).expect(404);
      await t.http().get(`/api/documents/${documentId}/file`).expect(401);
    });

    it('refuses an agent who is not a member of the conversation inbox', async () => {
      const res = await t.http().post(`/api/documents/${documentId}/send`).set(auth(outsider.token)).send({ conversationId });
      expect([403, 404]).toContain(res.status);
      expect(fake.callsOf('sendDocument')).toHaveLength(1);
    });

    it('lets only managers and the author delete a document', async () => {
      await t.http().delete(`/api/documents/${documentId}`).set(auth(outsider.token)).expect(403);
      await t.http().delete(`/api/documents/${documentId}`).set(auth(agent.token)).expect(204);
      await t.http().get(`/api/documents/${documentId}/file`).set(auth()).expect(404);
    });
  });
});
