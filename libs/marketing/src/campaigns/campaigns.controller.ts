import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import { CampaignsService } from './campaigns.service.js';
import {
  createCampaignSchema,
  launchCampaignSchema,
  listCampaignsSchema,
  listRecipientsSchema,
  updateCampaignSchema,
  type CreateCampaignInput,
  type LaunchCampaignInput,
  type ListCampaignsQuery,
  type ListRecipientsQuery,
  type UpdateCampaignInput,
} from './dto/campaign.dto.js';

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiZodQuery(listCampaignsSchema)
  @ApiOperation({ summary: 'Campaigns, newest first, each with its recipient counts; q searches the name, status narrows.' })
  list(@Query({ schema: listCampaignsSchema }) query: ListCampaignsQuery) {
    return this.campaigns.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One campaign with its recipient counts.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.campaigns.get(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiZodBody(createCampaignSchema)
  @ApiOperation({ summary: 'Create a draft campaign: a template sent to a segment through a Telegram, VK, e-mail or SMS inbox.' })
  create(@CurrentUser() user: AuthUser, @Body({ schema: createCampaignSchema }) body: CreateCampaignInput) {
    return this.campaigns.create(user, body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updateCampaignSchema)
  @ApiOperation({ summary: 'Change a campaign; once launched only its name and cost (409 otherwise).' })
  update(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: updateCampaignSchema }) body: UpdateCampaignInput) {
    return this.campaigns.update(user, id, body);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft, completed or cancelled campaign with its recipients (409 while it may still send).' })
  async delete(@Param('id', { schema: idSchema }) id: string) {
    await this.campaigns.delete(id);
  }

  @Post(':id/launch')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @ApiZodBody(launchCampaignSchema)
  @ApiOperation({ summary: 'Launch a draft now, or at scheduledAt (given here or saved); 409 unless it is a draft.' })
  launch(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: launchCampaignSchema }) body: LaunchCampaignInput) {
    return this.campaigns.launch(user, id, body);
  }

  @Post(':id/pause')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a running or scheduled campaign after its current batch; 409 otherwise.' })
  pause(@Param('id', { schema: idSchema }) id: string) {
    return this.campaigns.pause(id);
  }

  @Post(':id/resume')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused campaign where it stopped; 409 otherwise.' })
  resume(@Param('id', { schema: idSchema }) id: string) {
    return this.campaigns.resume(id);
  }

  @Post(':id/cancel')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled, running or paused campaign: contacts not sent to yet are skipped; 409 otherwise.' })
  cancel(@Param('id', { schema: idSchema }) id: string) {
    return this.campaigns.cancel(id);
  }

  @Get(':id/recipients')
  @ApiZodQuery(listRecipientsSchema)
  @ApiOperation({ summary: 'The campaign\'s recipients, newest first, with the contact\'s name; status narrows.' })
  recipients(@Param('id', { schema: idSchema }) id: string, @Query({ schema: listRecipientsSchema }) query: ListRecipientsQuery) {
    return this.campaigns.recipientsOf(id, query);
  }

  @Get(':id/results')
  @ApiOperation({ summary: 'Counts per recipient status, delivery and reply rates, deals created, won revenue, cost and cost per lead.' })
  results(@Param('id', { schema: idSchema }) id: string) {
    return this.campaigns.results(id);
  }
}
