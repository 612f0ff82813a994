import { Injectable } from '@nestjs/common';
import { InboxAccessService, TeamsService, UsersRepository } from '@app/auth';
import { ActivitiesService, DealsService } from '@app/crm';
import { ConversationAutomationService } from '@app/inbox';
import { InjectJobQueue, JobName, type JobQueue } from '@app/queue';
import { TemplatesService, type TemplateSubject } from '@app/templates';
import { AssignmentService } from '../assignment/assignment.service.js';
import { AutomationRulesRepository } from './automation-rules.repository.js';
import type { RuleAction } from './dto/automation-rule.dto.js';
import type { ActionContext } from './rule-subject.js';
import type { AutomationWebhookJobData } from './webhook-delivery.job.js';

type Action<T extends RuleAction['type']> = Extract<RuleAction, { type: T }>;

/** A failed action is recorded in the run with this message; the rule's other actions still run. */
export class ActionSkipped extends Error {}

/** Carries out one action of a rule; answers what it did, for the run log. */
@Injectable()
export class RuleActions {
  constructor(
    private readonly automation: ConversationAutomationService,
    private readonly assignment: AssignmentService,
    private readonly templates: TemplatesService,
    private readonly deals: DealsService,
    private readonly activities: ActivitiesService,
    private readonly users: UsersRepository,
    private readonly teams: TeamsService,
    private readonly access: InboxAccessService,
    private readonly rules: AutomationRulesRepository,
    @InjectJobQueue() private readonly queue: JobQueue,
  ) {}

  async run(action: RuleAction, ctx: ActionContext): Promise<Record<string, unknown>> {
    switch (action.type) {
      case 'assign_agent':
        return this.assignAgent(action, ctx);
      case 'assign_team': {
        const team = await this.teams.get(action.teamId);
        const changed = await this.assignment.assignTeam(conversationOf(ctx), team.id, team.name);
        await this.refreshAssignee(ctx);
        return { changed, teamId: team.id, assigneeId: ctx.assigneeId };
      }
      case 'add_label':
        await this.automation.update(conversationOf(ctx), { addLabels: [action.label] });
        return { label: action.label };
      case 'set_priority':
        await this.automation.update(conversationOf(ctx), { priority: action.priority });
        return { priority: action.priority };
      case 'send_template':
        return this.sendTemplate(action, ctx);
      case 'add_note': {
        const message = await this.automation.post(conversationOf(ctx), { text: await this.render(action.text, ctx), private: true }, { automationRuleId: ctx.ruleId });
        return { messageId: message?.id ?? null };
      }
      case 'create_deal':
        return this.createDeal(action, ctx);
      case 'create_task':
        return this.createTask(action, ctx);
      case 'change_deal_stage': {
        if (!ctx.dealId) throw new ActionSkipped('There is no deal to move');
        const deal = await this.deals.moveToStage(ctx.dealId, action.stageId);
        return { dealId: deal.id, stageId: deal.stageId };
      }
      case 'webhook': {
        const delivery = await this.rules.createDelivery({ ruleId: ctx.ruleId, runId: ctx.runId, url: action.url, payload: { ...ctx.payload, rule: { id: ctx.ruleId }, runId: ctx.runId } });
        await this.queue.add<AutomationWebhookJobData>(JobName.AutomationWebhook, { deliveryId: delivery.id }, { jobId: delivery.id });
        return { deliveryId: delivery.id, url: action.url };
      }
      case 'start_bot_flow': {
        // Bot flows run in their own module, which takes the job: routing does not depend on it.
        const conversationId = ctx.conversationId ?? null;
        if (!conversationId && !ctx.dealId) throw new ActionSkipped('There is no conversation or deal to start the bot in');
        await this.queue.add(JobName.BotFlowStart, { flowId: action.flowId, conversationId, dealId: ctx.dealId ?? null }, { jobId: `bot-start:${action.flowId}:${conversationId ?? ctx.dealId}:${ctx.runId}` });
        return { flowId: action.flowId, status: 'queued' };
      }
    }
  }

  private async assignAgent(action: Action<'assign_agent'>, ctx: ActionContext) {
    const user = await this.users.findById(action.userId);
    if (!user?.active) throw new ActionSkipped(`User ${action.userId} does not exist or is deactivated`);
    if (ctx.inboxId && !(await this.access.canAccess({ kind: 'user', id: user.id, role: user.role, name: user.name }, ctx.inboxId))) {
      throw new ActionSkipped(`${user.name} is not a member of the conversation's inbox`);
    }
    const changed = await this.assignment.assignTo(conversationOf(ctx), user.id, user.name);
    await this.refreshAssignee(ctx);
    return { changed, assigneeId: ctx.assigneeId };
  }

  /** Later actions ({{agent.name}}, a task for the assignee) see who has the conversation now. */
  private async refreshAssignee(ctx: ActionContext): Promise<void> {
    ctx.assigneeId = (await this.automation.find(conversationOf(ctx)))?.assigneeId ?? null;
  }

  private async sendTemplate(action: Action<'send_template'>, ctx: ActionContext) {
    const rendered = await this.templates.renderForConversation(action.templateId, conversationOf(ctx), await this.agentOf(ctx.assigneeId));
    const message = await this.automation.post(conversationOf(ctx), { text: rendered.text, attachments: rendered.attachments }, { automationRuleId: ctx.ruleId, templateId: action.templateId });
    return { messageId: message?.id ?? null, templateId: action.templateId };
  }

  private async createDeal(action: Action<'create_deal'>, ctx: ActionContext) {
    const conversationId = conversationOf(ctx);
    if (ctx.dealId) return { skipped: 'The conversation already has a deal', dealId: ctx.dealId };
    const deal = await this.deals.create({
      title: await this.render(action.title, ctx),
      pipelineId: action.pipelineId,
      stageId: action.stageId,
      amount: action.amount,
      contactId: ctx.contactId,
      sourceInboxId: ctx.inboxId,
      ownerId: ctx.assigneeId,
    });
    await this.automation.linkDeal(conversationId, deal);
    ctx.dealId = deal.id;
    ctx.dealOwnerId = deal.ownerId;
    return { dealId: deal.id };
  }

  private async createTask(action: Action<'create_task'>, ctx: ActionContext) {
    const ownerId = action.ownerId === 'assignee' ? ctx.assigneeId : action.ownerId === 'deal_owner' ? ctx.dealOwnerId : (action.ownerId ?? null);
    const activity = await this.activities.create(
      {
        type: 'task',
        subject: await this.render(action.subject, ctx),
        body: action.body ? await this.render(action.body, ctx) : null,
        dueAt: action.dueInMinutes === undefined ? null : new Date(Date.now() + action.dueInMinutes * 60_000),
        contactId: ctx.contactId,
        dealId: ctx.dealId,
        conversationId: ctx.conversationId,
        ownerId,
        metadata: { automationRuleId: ctx.ruleId, automationRunId: ctx.runId },
      },
      null,
    );
    return { activityId: activity.id, ownerId };
  }

  private async render(text: string, ctx: ActionContext): Promise<string> {
    const subject: TemplateSubject = { contactId: ctx.contactId, dealId: ctx.dealId, inboxName: null, agent: await this.agentOf(ctx.assigneeId) };
    return this.templates.renderText(text, subject);
  }

  private async agentOf(userId: string | null): Promise<TemplateSubject['agent']> {
    const user = userId ? await this.users.findById(userId) : undefined;
    return user ? { name: user.name, email: user.email } : null;
  }
}

function conversationOf(ctx: ActionContext): string {
  if (!ctx.conversationId) throw new ActionSkipped('This event has no conversation');
  return ctx.conversationId;
}
