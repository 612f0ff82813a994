import { Injectable, Logger } from '@nestjs/common';
import { asc, count, eq } from 'drizzle-orm';
import { ActivitiesService, CompaniesService, ContactsService, DealsService, PipelinesService } from '@app/crm';
import { contacts, InjectDb, pipelines, users, type Db } from '@app/db';
import { t, type Locale } from '@app/i18n';
import { DemoBots } from '@app/bots';
import { KnowledgeDemo } from '@app/knowledge';
import { ConversationsService, IngestionService, InboxesService } from '@app/inbox';
import { ReportsDemo } from '@app/reports';

const DAY = 24 * 3600 * 1000;

/**
 * A small living workspace for a first start, so a newcomer sees how contacts, companies, a pipeline,
 * deals and tasks fit together. Runs only on an empty workspace, and only when SEED_DEMO is on.
 */
@Injectable()
export class DemoWorkspace {
  private readonly logger = new Logger('DemoWorkspace');

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly contacts: ContactsService,
    private readonly companies: CompaniesService,
    private readonly pipelines: PipelinesService,
    private readonly deals: DealsService,
    private readonly activities: ActivitiesService,
    private readonly inboxes: InboxesService,
    private readonly ingestion: IngestionService,
    private readonly conversations: ConversationsService,
    private readonly reportsDemo: ReportsDemo,
    private readonly demoBots: DemoBots,
    private readonly knowledgeDemo: KnowledgeDemo,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [[c], [p]] = await Promise.all([
      this.db.select({ n: count() }).from(contacts),
      this.db.select({ n: count() }).from(pipelines),
    ]);
    return c.n === 0 && p.n === 0;
  }

  async seedIfEmpty(locale: Locale): Promise<boolean> {
    if (!(await this.isEmpty())) return false;
    await this.seed(locale);
    this.logger.log('Demo workspace created: contacts, a company, a sales pipeline with deals, tasks, two inboxes and a few conversations');
    return true;
  }

  /** Conversations arrive through the real ingestion pipeline, as if customers had written through the API channel. */
  private async seedConversations(inboxId: string) {
    const inbox = await this.inboxes.findOrThrow(inboxId);
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const messages: Array<{ id: string; contact: { externalId: string; name: string; phone?: string; email?: string }; text: string; at: Date }> = [
      { id: 'demo-1', contact: { externalId: 'site-petr', name: 'Пётр Ёлкин', phone: '+79123456789' }, text: 'Добрый день! Когда привезут кухню по заказу 4521?', at: minutesAgo(95) },
      { id: 'demo-2', contact: { externalId: 'site-petr', name: 'Пётр Ёлкин' }, text: 'И можно ли добавить сборку?', at: minutesAgo(93) },
      { id: 'demo-3', contact: { externalId: 'site-anna', name: 'Анна Щёкина', phone: '+79035551234' }, text: 'Нужен счёт на 12 кресел для офиса, пришлите, пожалуйста.', at: minutesAgo(40) },
      { id: 'demo-4', contact: { externalId: 'site-john', name: 'John Carter', email: 'john.carter@example.com' }, text: 'Hi! Do you deliver to Saint Petersburg?', at: minutesAgo(12) },
      { id: 'demo-5', contact: { externalId: 'site-new', name: 'Мария Иванова' }, text: 'Здравствуйте, есть ли скидки для постоянных клиентов?', at: minutesAgo(3) },
    ];
    for (const m of messages) {
      await this.ingestion.ingest(inbox, { kind: 'message', externalId: m.id, contact: m.contact, text: m.text, sentAt: m.at });
    }
    await this.assignTwoToTheAdministrator();
  }

  /** So that the administrator's own tab (Mine) is not empty on the first visit. */
  private async assignTwoToTheAdministrator() {
    const [admin] = await this.db.select().from(users).where(eq(users.role, 'admin')).orderBy(asc(users.createdAt)).limit(1);
    if (!admin) return;
    const actor = { kind: 'user' as const, id: admin.id, role: admin.role, name: admin.name, email: admin.email };
    const { items } = await this.conversations.list(actor, { limit: 10 });
    for (const conversation of items.filter((c) => ['Пётр Ёлкин', 'Анна Щёкина'].includes(c.contact?.name ?? ''))) {
      await this.conversations.assign(actor, conversation.id, { assigneeId: admin.id });
    }
  }

  private async seed(locale: Locale) {
    const tr = (key: Parameters<typeof t>[0]) => t(key, {}, locale);
    const pipeline = await this.pipelines.create({
      name: tr('demo.pipeline'),
      isDefault: true,
      stages: [
        { name: tr('demo.stage.new'), probability: 10 },
        { name: tr('demo.stage.qualified'), probability: 30 },
        { name: tr('demo.stage.proposal'), probability: 60 },
        { name: tr('demo.stage.won'), kind: 'won', probability: 100 },
        { name: tr('demo.stage.lost'), kind: 'lost', probability: 0 },
      ],
    });
    const [newLead, qualified, proposal] = pipeline.stages;

    const apiInbox = await this.inboxes.create({ type: 'api', name: tr('demo.inbox.api'), enabled: true, settings: {} });
    const webchat = await this.inboxes.create({ type: 'webchat', name: tr('demo.inbox.webchat'), enabled: true, settings: { allowedOrigins: ['http://localhost:3000'], greeting: 'Здравствуйте! Чем можем помочь?', color: '#2f6fed' } });

    const company = await this.companies.create({ name: 'ООО «Северный ветер»', domain: 'severveter.ru', phone: '+7 495 123-45-67', address: 'Москва, ул. Лесная, 5' });
    const petr = await this.contacts.create({ name: 'Пётр Ёлкин', phones: ['8 912 345-67-89'], emails: ['petr.elkin@example.ru'], tags: ['VIP'], companyId: company.id });
    const anna = await this.contacts.create({ name: 'Анна Щёкина', phones: ['+7 (903) 555-12-34'], tags: ['опт'] });
    const john = await this.contacts.create({ name: 'John Carter', emails: ['john.carter@example.com'], locale: 'en' });

    const kitchen = await this.deals.create({
      title: tr('demo.deal.kitchen'),
      pipelineId: pipeline.id,
      stageId: proposal.id,
      contactId: petr.id,
      companyId: company.id,
      sourceInboxId: apiInbox.id,
      lineItems: [
        { name: 'Кухонный гарнитур «Сканди»', quantity: '1', unitPrice: '184900.00' },
        { name: 'Столешница из кварца', quantity: '2', unitPrice: '23500.00' },
      ],
    });
    await this.deals.create({ title: tr('demo.deal.office'), pipelineId: pipeline.id, stageId: qualified.id, contactId: anna.id, amount: '95880.00' });
    await this.deals.create({ title: tr('demo.deal.delivery'), pipelineId: pipeline.id, stageId: newLead.id, contactId: john.id, amount: '7500.00' });

    await this.reportsDemo.prepare(apiInbox.id, locale);
    await this.seedConversations(apiInbox.id);
    await this.reportsDemo.rateSome(apiInbox.id);
    await this.demoBots.seed({ locale, inboxId: webchat.id, pipelineId: pipeline.id, stageId: newLead.id });
    await this.knowledgeDemo.seed();

    await this.activities.create({ type: 'task', subject: tr('demo.activity.call'), contactId: petr.id, dealId: kitchen.id, dueAt: new Date(Date.now() + DAY) }, null);
    await this.activities.create({ type: 'meeting', subject: tr('demo.activity.meeting'), contactId: anna.id, dueAt: new Date(Date.now() + 3 * DAY) }, null);
    await this.activities.create({ type: 'note', subject: tr('demo.activity.note'), contactId: petr.id, done: true }, null);
  }
}
