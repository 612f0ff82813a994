import { Module, type DynamicModule } from '@nestjs/common';
import { TemplatesModule } from '@app/templates';
import { CampaignDispatchJob } from './campaign-dispatch.job.js';
import { CampaignProgressListener } from './campaign-progress.listener.js';
import { CampaignProgressPublisher } from './campaign-progress.publisher.js';
import { CampaignRecipientsRepository } from './campaign-recipients.repository.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { CAMPAIGNS_RUNTIME, type CampaignsRuntime } from './campaigns.tokens.js';

/** Broadcast campaigns to segments. */
@Module({})
export class CampaignsModule {
  static forRoot(runtime: CampaignsRuntime): DynamicModule {
    return {
      module: CampaignsModule,
      imports: [TemplatesModule],
      controllers: [CampaignsController],
      providers: [
        { provide: CAMPAIGNS_RUNTIME, useValue: runtime },
        CampaignsRepository,
        CampaignRecipientsRepository,
        CampaignProgressPublisher,
        CampaignProgressListener,
        CampaignDispatchJob,
        CampaignsService,
      ],
      exports: [CampaignsService],
    };
  }
}
