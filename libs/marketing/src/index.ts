export * from './marketing.contract.js';
export { MarketingModule } from './marketing.module.js';
export { CampaignsModule } from './campaigns/campaigns.module.js';
export { TriggersModule } from './triggers/triggers.module.js';
