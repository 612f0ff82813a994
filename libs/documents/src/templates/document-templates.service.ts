import { Injectable } from '@nestjs/common';
import { DealsService } from '@app/crm';
import { notFound } from '@app/common';
import type { DocumentTemplateRow, Page } from '@app/db';
import { documentData, documentNumber, documentTitle, sampleDeal } from '../documents/document-data.js';
import type { CreateTemplateInput, ListTemplatesQuery, PreviewTemplateInput, UpdateTemplateInput } from '../dto/documents.dto.js';
import { renderPdf } from '../render/pdf-renderer.js';
import { renderTemplate } from '../render/template-engine.js';
import { DocumentSettingsRepository } from '../settings/document-settings.repository.js';
import { DocumentTemplatesRepository } from './document-templates.repository.js';
import { assertKnownVariables } from './template-variables.guard.js';

/** HTML templates of invoices, quotes and contracts. */
@Injectable()
export class DocumentTemplatesService {
  constructor(
    private readonly templates: DocumentTemplatesRepository,
    private readonly settings: DocumentSettingsRepository,
    private readonly deals: DealsService,
  ) {}

  list(query: ListTemplatesQuery): Promise<Page<DocumentTemplateRow>> {
    return this.templates.list(query);
  }

  async get(id: string): Promise<DocumentTemplateRow> {
    const template = await this.templates.findById(id);
    if (!template) throw notFound('entity.document_template', id);
    return template;
  }

  create(input: CreateTemplateInput): Promise<DocumentTemplateRow> {
    assertKnownVariables(input.html);
    return this.templates.create(input);
  }

  async update(id: string, input: UpdateTemplateInput): Promise<DocumentTemplateRow> {
    if (input.html !== undefined) assertKnownVariables(input.html);
    const updated = await this.templates.update(id, input);
    if (!updated) throw notFound('entity.document_template', id);
    return updated;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.templates.delete(id))) throw notFound('entity.document_template', id);
  }

  /** The PDF a template would make, for a chosen deal or sample data; nothing is stored and no number is used up. */
  async preview(input: PreviewTemplateInput): Promise<Buffer> {
    assertKnownVariables(input.html);
    const deal = input.dealId ? await this.deals.get(input.dealId) : sampleDeal(input.locale);
    const date = new Date();
    const identity = { kind: input.kind, locale: input.locale, number: documentNumber(input.kind, input.locale, date.getUTCFullYear(), 0), date };
    const html = renderTemplate(input.html, documentData(deal, await this.settings.get(), identity));
    return renderPdf(html, { title: documentTitle(identity) });
  }
}
