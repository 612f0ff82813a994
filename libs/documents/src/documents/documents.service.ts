import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound, requestContext } from '@app/common';
import { ActivitiesService, DealsService } from '@app/crm';
import { InjectDb, isForeignKeyViolation, type Db, type DocumentRow, type Page } from '@app/db';
import { t } from '@app/i18n';
import { ConversationsService } from '@app/inbox';
import { DOCUMENT_LINKS, DOCUMENTS_OPTIONS, type DocumentsModuleOptions } from '../documents.tokens.js';
import { renderPdf } from '../render/pdf-renderer.js';
import { renderTemplate } from '../render/template-engine.js';
import { DocumentSettingsRepository } from '../settings/document-settings.repository.js';
import { DocumentTemplatesService } from '../templates/document-templates.service.js';
import { documentData, documentFileName, documentNumber, documentTitle } from './document-data.js';
import type { DocumentLinks } from './document-links.js';
import { DocumentsRepository, type DocumentRecord } from './documents.repository.js';

const MANAGERS = new Set(['admin', 'supervisor']);

/** Documents made from templates for deals: numbered, stored as PDF, downloaded and sent into conversations. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly documents: DocumentsRepository,
    private readonly templates: DocumentTemplatesService,
    private readonly settings: DocumentSettingsRepository,
    private readonly deals: DealsService,
    private readonly activities: ActivitiesService,
    private readonly conversations: ConversationsService,
    @Inject(DOCUMENT_LINKS) private readonly links: DocumentLinks,
    @Inject(DOCUMENTS_OPTIONS) private readonly options: DocumentsModuleOptions,
  ) {}

  async listForDeal(dealId: string, cursor: string | undefined, limit: number): Promise<Page<DocumentRecord>> {
    await this.deals.get(dealId);
    return this.documents.listByDeal(dealId, cursor, limit);
  }

  /** Numbers, renders and stores a document in one transaction, with a note on the deal's timeline. */
  async generate(user: AuthUser, dealId: string, templateId: string): Promise<DocumentRecord> {
    const deal = await this.deals.get(dealId);
    const template = await this.templates.get(templateId);
    const seller = await this.settings.get();
    const date = new Date();
    try {
      return await this.db.transaction(async (tx) => {
        const sequence = await this.documents.nextNumber(tx, template.kind, date.getUTCFullYear());
        const identity = { kind: template.kind, locale: template.locale, number: documentNumber(template.kind, template.locale, date.getUTCFullYear(), sequence), date };
        const title = documentTitle(identity);
        const pdf = await renderPdf(renderTemplate(template.html, documentData(deal, seller, identity)), { title });
        const record = await this.documents.insert(tx, {
          dealId,
          templateId,
          kind: template.kind,
          number: identity.number,
          title,
          fileName: documentFileName(title),
          contentType: 'application/pdf',
          size: pdf.length,
          pdf,
          createdById: userIdOf(user),
          createdAt: date,
        });
        await this.activities.create(
          { type: 'note', subject: t('documents.activity.created', { title }, requestContext.locale()), dealId, contactId: deal.contactId, metadata: { event: 'document_created', documentId: record.id, number: record.number } },
          userIdOf(user),
          tx,
        );
        return record;
      });
    } catch (error) {
      // The deal or template was deleted while the document was being made.
      if (isForeignKeyViolation(error)) throw notFound('entity.deal', dealId);
      throw error;
    }
  }

  async file(id: string): Promise<DocumentRow> {
    const document = await this.documents.findWithPdf(id);
    if (!document) throw notFound('entity.document', id);
    return document;
  }

  /** The PDF behind a link sent to a customer; an expired or forged link finds nothing. */
  async publicFile(token: string): Promise<DocumentRow> {
    const id = this.links.verify(token);
    const document = id ? await this.documents.findWithPdf(id) : undefined;
    if (!document) throw notFound('entity.document', token.split('.')[0]);
    return document;
  }

  /** Managers delete any document; others only the ones they made. */
  async delete(user: AuthUser, id: string): Promise<void> {
    const document = await this.requireRecord(id);
    if (!MANAGERS.has(user.role) && document.createdById !== user.id) throw new DomainException(ErrorCode.Forbidden);
    await this.documents.delete(id);
  }

  /**
   * Posts the PDF into a conversation as an outgoing reply. Channels fetch attachments by URL, so the
   * reply carries a signed, expiring public link; access to the conversation is checked by the reply.
   */
  async send(user: AuthUser, id: string, conversationId: string) {
    const document = await this.requireRecord(id);
    if (!this.options.publicUrl) throw new DomainException(ErrorCode.PublicUrlRequired);
    const url = `${this.options.publicUrl.replace(/\/+$/, '')}/api/public/documents/${this.links.token(id)}`;
    const message = await this.conversations.reply(user, conversationId, {
      private: false,
      attachments: [{ url, fileName: document.fileName, contentType: document.contentType }],
    });
    await this.activities.create(
      {
        type: 'note',
        subject: t('documents.activity.sent', { title: document.title }, requestContext.locale()),
        dealId: document.dealId,
        conversationId,
        metadata: { event: 'document_sent', documentId: id, messageId: message.id },
      },
      userIdOf(user),
    );
    return { document, message };
  }

  private async requireRecord(id: string): Promise<DocumentRecord> {
    const document = await this.documents.findRecord(id);
    if (!document) throw notFound('entity.document', id);
    return document;
  }
}

const userIdOf = (user: AuthUser) => (user.kind === 'user' ? user.id : null);
