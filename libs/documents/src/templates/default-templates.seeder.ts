import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDb, type Db } from '@app/db';
import { DocumentSettingsRepository } from '../settings/document-settings.repository.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { DocumentTemplatesRepository } from './document-templates.repository.js';

/** Creates the default invoice, quote and contract templates (Russian and English) on the first start. */
@Injectable()
export class DefaultTemplatesSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DocumentTemplates');

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly settings: DocumentSettingsRepository,
    private readonly templates: DocumentTemplatesRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.seedOnce();
    if (seeded) this.logger.log(`Default document templates created: ${DEFAULT_TEMPLATES.length}`);
  }

  /** True when this call created them; the claim and the templates commit together. */
  seedOnce(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!(await this.settings.claimTemplateSeeding(tx))) return false;
      for (const template of DEFAULT_TEMPLATES) await this.templates.create({ ...template, isDefault: true }, tx);
      return true;
    });
  }
}
