import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities/activities.controller.js';
import { ActivitiesRepository } from './activities/activities.repository.js';
import { ActivitiesService } from './activities/activities.service.js';
import { CompaniesController } from './companies/companies.controller.js';
import { CompaniesRepository } from './companies/companies.repository.js';
import { CompaniesService } from './companies/companies.service.js';
import { ContactsController } from './contacts/contacts.controller.js';
import { ContactsRepository } from './contacts/contacts.repository.js';
import { ContactsService } from './contacts/contacts.service.js';
import { DealEvents } from './deals/deal-events.js';
import { DealsController } from './deals/deals.controller.js';
import { DealsRepository } from './deals/deals.repository.js';
import { DealsService } from './deals/deals.service.js';
import { PhoneNormalizer } from './phone-normalizer.service.js';
import { PipelinesController } from './pipelines/pipelines.controller.js';
import { PipelinesRepository } from './pipelines/pipelines.repository.js';
import { PipelinesService } from './pipelines/pipelines.service.js';

/** Contacts, companies, pipelines, deals and activities. */
@Module({
  controllers: [ContactsController, CompaniesController, PipelinesController, DealsController, ActivitiesController],
  providers: [
    PhoneNormalizer,
    ContactsRepository,
    ContactsService,
    CompaniesRepository,
    CompaniesService,
    PipelinesRepository,
    PipelinesService,
    DealsRepository,
    DealsService,
    DealEvents,
    ActivitiesRepository,
    ActivitiesService,
  ],
  exports: [PhoneNormalizer, ContactsService, CompaniesService, PipelinesService, DealsService, DealEvents, ActivitiesService],
})
export class CrmModule {}
