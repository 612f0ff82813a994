import { Injectable } from '@nestjs/common';
import { InboxAccessService, type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound } from '@app/common';
import type { InboxType, Page, Template, TemplateAttachment } from '@app/db';
import { ConversationAutomationService, ConversationsService, InboxesService } from '@app/inbox';
import type { CreateTemplateInput, ListTemplatesQuery, PreviewTemplateInput, PreviewTextInput, UpdateTemplateInput, UseTemplateInput } from './dto/template.dto.js';
import { TemplateContextService, type TemplateSubject } from './template-context.service.js';
import { renderTemplate } from './template-renderer.js';
import { TemplatesRepository } from './templates.repository.js';

export type TemplateView = Omit<Template, 'searchText'>;

export interface RenderedTemplate {
  template: { id: string; shortCode: string; name: string } | null;
  /** The channel whose variant was used, if any. */
  channel: InboxType | null;
  text: string;
  attachments: TemplateAttachment[];
  /** Variables that had no value. */
  missing: string[];
}

const toView = ({ searchText: _searchText, ...template }: Template): TemplateView => template;

interface ConversationFacts {
  inboxId: string;
  inboxType: InboxType;
  subject: TemplateSubject;
}

@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly context: TemplateContextService,
    private readonly access: InboxAccessService,
    private readonly inboxes: InboxesService,
    private readonly conversations: ConversationsService,
    private readonly automation: ConversationAutomationService,
  ) {}

  async list(user: AuthUser, query: ListTemplatesQuery): Promise<Page<TemplateView>> {
    let inboxIds = await this.access.visibleInboxIds(user);
    if (query.inboxId) {
      await this.inboxes.findOrThrow(query.inboxId);
      await this.access.assertAccess(user, query.inboxId);
      inboxIds = [query.inboxId];
    }
    const page = await this.templates.list({ q: query.q, inboxIds, cursor: query.cursor, limit: query.limit });
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, id: string): Promise<TemplateView> {
    return toView(await this.requireVisible(user, id));
  }

  /** What `/code` in the composer of an inbox inserts: the inbox's own template, else the global one. */
  async byShortCode(user: AuthUser, shortCode: string, inboxId: string | undefined): Promise<TemplateView> {
    if (inboxId) await this.access.assertAccess(user, inboxId);
    const template = await this.templates.findByShortCode(shortCode.replace(/^\//, '').toLocaleLowerCase('ru'), inboxId ?? null);
    if (!template) throw notFound('entity.template', shortCode);
    return toView(template);
  }

  async create(user: AuthUser, input: CreateTemplateInput): Promise<TemplateView> {
    const template = await this.templates.create({ ...input, createdById: user.kind === 'user' ? user.id : null });
    return toView(template);
  }

  async update(id: string, input: UpdateTemplateInput): Promise<TemplateView> {
    const template = await this.templates.update(id, () => input);
    if (!template) throw notFound('entity.template', id);
    return toView(template);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.templates.delete(id))) throw notFound('entity.template', id);
  }

  /** Renders a saved template, from a conversation or from sample values; not counted as a use. */
  async preview(user: AuthUser, id: string, input: PreviewTemplateInput): Promise<RenderedTemplate> {
    const template = await this.requireVisible(user, id);
    const facts = input.conversationId ? await this.factsForUser(user, input.conversationId, input.values) : undefined;
    if (facts) assertUsableIn(template, facts.inboxId);
    return this.render(template, facts?.inboxType ?? input.channel ?? null, facts?.subject ?? sampleSubject(user, input.values));
  }

  /** Renders text being edited (not saved yet), for the editor's preview. */
  async previewText(user: AuthUser, input: PreviewTextInput): Promise<RenderedTemplate> {
    const facts = input.conversationId ? await this.factsForUser(user, input.conversationId, input.values) : undefined;
    const { text, missing } = renderTemplate(input.body, await this.context.valuesFor(facts?.subject ?? sampleSubject(user, input.values)));
    return { template: null, channel: facts?.inboxType ?? input.channel ?? null, text, attachments: [], missing };
  }

  /** An agent picks the template in a conversation: it is rendered, counted, and sent when asked. */
  async use(user: AuthUser, id: string, input: UseTemplateInput) {
    const template = await this.requireVisible(user, id);
    const facts = await this.factsForUser(user, input.conversationId);
    assertUsableIn(template, facts.inboxId);
    const rendered = await this.render(template, facts.inboxType, facts.subject);
    await this.templates.countUse(template.id);
    if (!input.send) return rendered;
    const message = await this.conversations.reply(user, input.conversationId, {
      text: rendered.text,
      private: input.private,
      attachments: rendered.attachments,
    });
    return { ...rendered, message };
  }

  /**
   * Renders a template for a conversation on the system's behalf (automation, auto-replies) and counts
   * the use; the agent is the conversation's assignee, if any.
   */
  async renderForConversation(templateId: string, conversationId: string, agent: TemplateSubject['agent'], extra: Record<string, string> = {}): Promise<RenderedTemplate> {
    const template = await this.templates.findById(templateId);
    if (!template) throw notFound('entity.template', templateId);
    const conversation = await this.automation.find(conversationId);
    if (!conversation) throw notFound('entity.conversation', conversationId);
    assertUsableIn(template, conversation.inboxId);
    const inbox = await this.inboxes.findOrThrow(conversation.inboxId);
    const rendered = await this.render(template, inbox.type, { contactId: conversation.contactId, dealId: conversation.dealId, inboxName: inbox.name, agent, extra });
    await this.templates.countUse(template.id);
    return rendered;
  }

  /**
   * Renders a template for a contact outside any conversation (a campaign, a triggered message) in the
   * inbox's channel variant and counts the use; null when the template is gone or belongs to another inbox.
   */
  async renderForContact(templateId: string, inbox: { id: string; type: InboxType; name: string }, subject: Omit<TemplateSubject, 'inboxName'>): Promise<RenderedTemplate | null> {
    const template = await this.templates.findById(templateId);
    if (!template || (template.inboxId && template.inboxId !== inbox.id)) return null;
    const rendered = await this.render(template, inbox.type, { ...subject, inboxName: inbox.name });
    await this.templates.countUse(template.id);
    return rendered;
  }

  /** Renders free text (an auto-reply) with the same variables. */
  async renderText(text: string, subject: TemplateSubject): Promise<string> {
    return renderTemplate(text, await this.context.valuesFor(subject)).text;
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.templates.findById(id));
  }

  private async render(template: Template, channel: InboxType | null, subject: TemplateSubject): Promise<RenderedTemplate> {
    const variant = channel ? template.variants[channel] : undefined;
    const { text, missing } = renderTemplate(variant ?? template.body, await this.context.valuesFor(subject));
    return {
      template: { id: template.id, shortCode: template.shortCode, name: template.name },
      channel: variant ? channel : null,
      text,
      attachments: template.attachments,
      missing,
    };
  }

  private async factsForUser(user: AuthUser, conversationId: string, extra: Record<string, string> = {}): Promise<ConversationFacts> {
    const conversation = await this.conversations.get(user, conversationId);
    return {
      inboxId: conversation.inbox.id,
      inboxType: conversation.inbox.type,
      subject: { contactId: conversation.contactId, dealId: conversation.dealId, inboxName: conversation.inbox.name, agent: agentOf(user), extra },
    };
  }

  private async requireVisible(user: AuthUser, id: string): Promise<Template> {
    const template = await this.templates.findById(id);
    if (!template) throw notFound('entity.template', id);
    if (template.inboxId) await this.access.assertAccess(user, template.inboxId);
    return template;
  }
}

function agentOf(user: AuthUser): TemplateSubject['agent'] {
  return { name: user.name, email: user.email ?? null };
}

function sampleSubject(user: AuthUser, values: Record<string, string> = {}): TemplateSubject {
  return { contactId: null, dealId: null, inboxName: null, agent: agentOf(user), extra: values };
}

function assertUsableIn(template: Template, inboxId: string): void {
  if (template.inboxId && template.inboxId !== inboxId) {
    throw new DomainException(ErrorCode.TemplateNotForInbox, { details: { templateId: template.id, inboxId } });
  }
}
