import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TeamsService, UsersRepository, type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, foldForSearch, notFound, SecretBox } from '@app/common';
import { PipelinesService } from '@app/crm';
import type { AutomationRule, AutomationRun, AutomationWebhookDelivery, Page } from '@app/db';
import { TemplatesService } from '@app/templates';
import { AutomationRulesRepository } from './automation-rules.repository.js';
import { AUTOMATION_SECRET_BOX } from './automation.tokens.js';
import {
  automationRuleSchema,
  type AutomationRuleInput,
  type ListAutomationRulesQuery,
  type ListRunsQuery,
  type RuleAction,
  type UpdateAutomationRuleInput,
} from './dto/automation-rule.dto.js';

export type AutomationRuleView = Omit<AutomationRule, 'webhookSecret'>;

const toView = ({ webhookSecret: _secret, ...rule }: AutomationRule): AutomationRuleView => rule;
const newSecret = () => randomBytes(32).toString('hex');

@Injectable()
export class AutomationRulesService {
  constructor(
    private readonly rules: AutomationRulesRepository,
    private readonly templates: TemplatesService,
    private readonly users: UsersRepository,
    private readonly teams: TeamsService,
    private readonly pipelines: PipelinesService,
    @Inject(AUTOMATION_SECRET_BOX) private readonly box: SecretBox,
  ) {}

  async list(query: ListAutomationRulesQuery): Promise<{ items: AutomationRuleView[] }> {
    const rules = await this.rules.list({ event: query.event });
    const q = query.q ? foldForSearch(query.q) : '';
    return { items: rules.filter((r) => !q || foldForSearch(r.name).includes(q)).slice(0, query.limit).map(toView) };
  }

  async get(id: string): Promise<AutomationRuleView> {
    return toView(await this.require(id));
  }

  /** The answer shows the rule's webhook signing secret this once. */
  async create(user: AuthUser, input: AutomationRuleInput): Promise<AutomationRuleView & { webhookSecret: string }> {
    await this.checkReferences(input.actions);
    const secret = newSecret();
    const rule = await this.rules.create({
      ...input,
      position: input.position ?? (await this.rules.nextPosition()),
      webhookSecret: this.box.encrypt(secret),
      createdById: user.kind === 'user' ? user.id : null,
    });
    return { ...toView(rule), webhookSecret: secret };
  }

  async update(id: string, input: UpdateAutomationRuleInput): Promise<AutomationRuleView> {
    const current = await this.require(id);
    const merged = automationRuleSchema.safeParse({ ...current, ...input });
    if (!merged.success) {
      throw new DomainException(ErrorCode.ValidationFailed, { errors: merged.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
    }
    if (input.actions) await this.checkReferences(input.actions);
    const rule = await this.rules.update(id, input);
    if (!rule) throw notFound('entity.automation_rule', id);
    return toView(rule);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.rules.delete(id))) throw notFound('entity.automation_rule', id);
  }

  async reorder(ids: string[]): Promise<{ items: AutomationRuleView[] }> {
    for (const id of ids) await this.require(id);
    await this.rules.reorder(ids);
    return this.list({ limit: 1000 });
  }

  async rotateSecret(id: string): Promise<{ id: string; webhookSecret: string }> {
    await this.require(id);
    const secret = newSecret();
    await this.rules.update(id, { webhookSecret: this.box.encrypt(secret) });
    return { id, webhookSecret: secret };
  }

  /** Runs newest first, each with its webhook deliveries (status, attempts, last error). */
  async runs(query: ListRunsQuery): Promise<Page<AutomationRun & { deliveries: AutomationWebhookDelivery[] }>> {
    if (query.ruleId) await this.require(query.ruleId);
    const page = await this.rules.runs(query);
    const deliveries = await this.rules.deliveriesOf(page.items.map((r) => r.id));
    return { items: page.items.map((run) => ({ ...run, deliveries: deliveries.filter((d) => d.runId === run.id) })), nextCursor: page.nextCursor };
  }

  private async require(id: string): Promise<AutomationRule> {
    const rule = await this.rules.findById(id);
    if (!rule) throw notFound('entity.automation_rule', id);
    return rule;
  }

  /** Every template, user, team, pipeline and stage an action names exists (404 naming the first that does not). */
  private async checkReferences(actions: RuleAction[]): Promise<void> {
    for (const action of actions) {
      if (action.type === 'send_template' && !(await this.templates.exists(action.templateId))) throw notFound('entity.template', action.templateId);
      if (action.type === 'assign_agent' && !(await this.users.findById(action.userId))?.active) throw notFound('entity.user', action.userId);
      if (action.type === 'assign_team') await this.teams.get(action.teamId);
      if (action.type === 'create_deal' && action.pipelineId) await this.pipelines.get(action.pipelineId);
      const stageId = action.type === 'change_deal_stage' || action.type === 'create_deal' ? action.stageId : undefined;
      if (stageId && !(await this.pipelines.findStage(stageId))) throw notFound('entity.stage', stageId);
    }
  }
}
