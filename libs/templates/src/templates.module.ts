import { Module } from '@nestjs/common';
import { CrmModule } from '@app/crm';
import { TemplateContextService } from './template-context.service.js';
import { TemplatesController } from './templates.controller.js';
import { TemplatesRepository } from './templates.repository.js';
import { TemplatesService } from './templates.service.js';

/** Canned responses with variables, per-inbox or global, with channel variants and usage counts. */
@Module({
  imports: [CrmModule],
  controllers: [TemplatesController],
  providers: [TemplatesRepository, TemplateContextService, TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesModule {}
