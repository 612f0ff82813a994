import { Module, type DynamicModule } from '@nestjs/common';
import { CrmModule } from '@app/crm';
import { DocumentLinks } from './documents/document-links.js';
import { DocumentsController } from './documents/documents.controller.js';
import { DocumentsRepository } from './documents/documents.repository.js';
import { DocumentsService } from './documents/documents.service.js';
import { DOCUMENT_LINKS, DOCUMENTS_OPTIONS, type DocumentsModuleOptions } from './documents.tokens.js';
import { DocumentSettingsController } from './settings/document-settings.controller.js';
import { DocumentSettingsRepository } from './settings/document-settings.repository.js';
import { DocumentSettingsService } from './settings/document-settings.service.js';
import { DefaultTemplatesSeeder } from './templates/default-templates.seeder.js';
import { DocumentTemplatesController } from './templates/document-templates.controller.js';
import { DocumentTemplatesRepository } from './templates/document-templates.repository.js';
import { DocumentTemplatesService } from './templates/document-templates.service.js';

/** Document templates rendered to PDF for deals. */
@Module({})
export class DocumentsModule {
  static forRoot(options: DocumentsModuleOptions): DynamicModule {
    return {
      module: DocumentsModule,
      imports: [CrmModule],
      controllers: [DocumentTemplatesController, DocumentSettingsController, DocumentsController],
      providers: [
        { provide: DOCUMENTS_OPTIONS, useValue: options },
        { provide: DOCUMENT_LINKS, useValue: new DocumentLinks(options.appSecret) },
        DocumentTemplatesRepository,
        DocumentSettingsRepository,
        DocumentsRepository,
        DocumentTemplatesService,
        DocumentSettingsService,
        DocumentsService,
        DefaultTemplatesSeeder,
      ],
    };
  }
}
