import { Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import type { AuthUser } from '@app/auth';
import { InjectDb, users, type Db } from '@app/db';
import type { Locale } from '@app/i18n';
import { ConversationsService, IngestionService, InboxesService } from '@app/inbox';
import { CsatService } from '../csat/csat.service.js';
import { ReportInputsRepository } from '../reports/report-inputs.repository.js';
import { SlaPoliciesService } from '../sla/sla-policies.service.js';

const POLICY_NAME: Record<Locale, string> = { ru: 'Стандартный ответ', en: 'Standard response' };

const RATED = [
  { externalId: 'site-olga', name: 'Ольга Смирнова', question: 'Подскажите, есть ли диван «Лофт» в сером цвете?', answer: 'Да, серый есть на складе, доставим за 2 дня.', csat: '5', nps: '10' },
  { externalId: 'site-igor', name: 'Игорь Фёдоров', question: 'Хочу вернуть стул, он скрипит.', answer: 'Оформили возврат, курьер заберёт стул завтра.', csat: '4', nps: '8' },
  { externalId: 'site-lena', name: 'Елена Кузнецова', question: 'Сколько стоит сборка шкафа?', answer: 'Сборка шкафа стоит 3 500 ₽.', csat: '3', nps: '6' },
];

/** Demo figures for the reports and the live dashboard: a policy, ratings switched on, rated conversations, a month's inputs. */
@Injectable()
export class ReportsDemo {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly policies: SlaPoliciesService,
    private readonly csat: CsatService,
    private readonly inputs: ReportInputsRepository,
    private readonly inboxes: InboxesService,
    private readonly ingestion: IngestionService,
    private readonly conversations: ConversationsService,
  ) {}

  /** Before the demo conversations arrive, so their SLA clocks start. */
  async prepare(inboxId: string, locale: Locale): Promise<void> {
    await this.policies.create({
      name: POLICY_NAME[locale],
      active: true,
      firstResponseSeconds: 15 * 60,
      nextResponseSeconds: 30 * 60,
      resolutionSeconds: 24 * 3600,
      businessHoursOnly: false,
      warningPercent: 80,
      conditions: {},
    });
    await this.csat.saveSettings(inboxId, { enabled: true, askNps: true });
    const month = new Date().toISOString().slice(0, 7);
    await this.inputs.save(month, { marketingSpend: 150_000, salesSpend: 100_000, crmCost: 30_000, baselineRevenue: 200_000 }, null);
  }

  /** A few conversations answered, resolved and rated by their customers, all through the real pipeline. */
  async rateSome(inboxId: string): Promise<void> {
    const [admin] = await this.db.select().from(users).where(eq(users.role, 'admin')).orderBy(asc(users.createdAt)).limit(1);
    if (!admin) return;
    const actor: AuthUser = { kind: 'user', id: admin.id, role: admin.role, name: admin.name, email: admin.email };
    const inbox = await this.inboxes.findOrThrow(inboxId);
    for (const [i, c] of RATED.entries()) {
      const contact = { externalId: c.externalId, name: c.name };
      const say = (suffix: string, text: string) => this.ingestion.ingest(inbox, { kind: 'message', externalId: `demo-rated-${i}-${suffix}`, contact, text });
      await say('q', c.question);
      const { items } = await this.conversations.list(actor, { limit: 50 });
      const conversation = items.find((item) => item.contact?.name === c.name);
      if (!conversation) continue;
      await this.conversations.reply(actor, conversation.id, { text: c.answer, private: false, attachments: [] });
      await this.conversations.setStatus(actor, conversation.id, { status: 'resolved' });
      await say('csat', c.csat);
      await say('nps', c.nps);
    }
  }
}
