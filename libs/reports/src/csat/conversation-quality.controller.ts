import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, InboxAccessService, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, idSchema, notFound } from '@app/common';
import { ConversationAutomationService, InboxesService } from '@app/inbox';
import type { ConversationSlaView } from '../reports.contract.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { CsatService } from './csat.service.js';
import { csatSettingsSchema, type CsatSettingsInput } from './dto/csat-settings.dto.js';

@ApiTags('reports')
@Controller('reports')
export class ConversationQualityController {
  constructor(
    private readonly sla: SlaClockService,
    private readonly csat: CsatService,
    private readonly conversations: ConversationAutomationService,
    private readonly inboxes: InboxesService,
    private readonly access: InboxAccessService,
  ) {}

  @Get('conversations/:id')
  @ApiOperation({ summary: "A conversation's SLA clocks (due times, status) and the customer's rating." })
  async conversation(@Param('id', { schema: idSchema }) id: string, @CurrentUser() user: AuthUser): Promise<ConversationSlaView> {
    const conversation = await this.conversations.find(id);
    if (!conversation) throw notFound('entity.conversation', id);
    await this.access.assertVisible(user, conversation.inboxId, 'entity.conversation', id);
    const [sla, rating] = await Promise.all([this.sla.view(id), this.csat.view(id)]);
    return { sla, rating };
  }

  @Get('csat-settings/:inboxId')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Whether the inbox asks customers for a rating after resolution (and then NPS).' })
  async settings(@Param('inboxId', { schema: idSchema }) inboxId: string) {
    await this.inboxes.findOrThrow(inboxId);
    return this.csat.settings(inboxId);
  }

  @Put('csat-settings/:inboxId')
  @Roles('admin', 'supervisor')
  @ApiZodBody(csatSettingsSchema)
  @ApiOperation({ summary: 'Switch the rating request after resolution (1-5 buttons) and the NPS question (0-10) on or off for an inbox.' })
  async saveSettings(@Param('inboxId', { schema: idSchema }) inboxId: string, @Body({ schema: csatSettingsSchema }) body: CsatSettingsInput) {
    await this.inboxes.findOrThrow(inboxId);
    return this.csat.saveSettings(inboxId, body);
  }
}
