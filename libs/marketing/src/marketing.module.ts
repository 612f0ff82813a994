import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CrmModule } from '@app/crm';
import { TemplatesModule } from '@app/templates';
import { ConsentRepliesListener } from './consent/consent-replies.listener.js';
import { ConsentController } from './consent/consent.controller.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { ConsentService } from './consent/consent.service.js';
import { UnsubscribeController } from './consent/unsubscribe.controller.js';
import { ConsentPort, OutreachPort, SegmentsPort } from './marketing.contract.js';
import { MARKETING_OPTIONS, type MarketingModuleOptions } from './marketing.tokens.js';
import { OutreachService } from './outreach/outreach.service.js';
import { SegmentsController } from './segments/segments.controller.js';
import { SegmentsRepository } from './segments/segments.repository.js';
import { SegmentsService } from './segments/segments.service.js';

/** Segments, consent and outreach: the ports of marketing.contract.ts, for every other module. */
@Global()
@Module({})
export class MarketingModule {
  static forRoot(options: MarketingModuleOptions): DynamicModule {
    return {
      module: MarketingModule,
      global: true,
      imports: [CrmModule, TemplatesModule],
      controllers: [ConsentController, UnsubscribeController, SegmentsController],
      providers: [
        { provide: MARKETING_OPTIONS, useValue: options },
        ConsentRepository,
        ConsentService,
        ConsentRepliesListener,
        OutreachService,
        SegmentsRepository,
        SegmentsService,
        { provide: OutreachPort, useExisting: OutreachService },
        { provide: SegmentsPort, useExisting: SegmentsService },
        { provide: ConsentPort, useExisting: ConsentService },
      ],
      exports: [OutreachPort, SegmentsPort, ConsentPort],
    };
  }
}
