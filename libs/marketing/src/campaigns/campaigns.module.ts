import { Module } from '@nestjs/common';

/** Broadcast campaigns to segments. */
@Module({})
export class CampaignsModule {}
