import { Global, Module } from '@nestjs/common';

/** Segments, consent and outreach: the ports of marketing.contract.ts, for every other module. */
@Global()
@Module({})
export class MarketingModule {}
