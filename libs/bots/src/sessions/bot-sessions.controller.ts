import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, InboxAccessService, type AuthUser } from '@app/auth';
import { ApiZodBody, DomainException, ErrorCode, idSchema, notFound } from '@app/common';
import { ConversationAutomationService } from '@app/inbox';
import { BotRuntimeService } from './bot-runtime.service.js';
import { startBotSessionSchema, type StartBotSessionInput } from './dto/bot-session.dto.js';

@ApiTags('conversations')
@Controller('conversations/:id/bot-session')
export class BotSessionsController {
  constructor(
    private readonly runtime: BotRuntimeService,
    private readonly automation: ConversationAutomationService,
    private readonly access: InboxAccessService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The bot session of the conversation: its flow, node, status and collected variables (also after a handoff); null when no bot talks.' })
  async get(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    await this.requireVisible(user, id);
    return { session: await this.runtime.view(id) };
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take over from the bot: it stops at once and the conversation stays with people.' })
  async stop(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    await this.requireVisible(user, id);
    await this.runtime.stop(id);
    return { session: null };
  }

  @Post()
  @ApiZodBody(startBotSessionSchema)
  @ApiOperation({ summary: 'Hand the conversation (back) to a published bot flow; 409 while another bot session runs.' })
  async start(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: startBotSessionSchema }) body: StartBotSessionInput) {
    await this.requireVisible(user, id);
    return { session: await this.runtime.start(id, body.flowId) };
  }

  private async requireVisible(user: AuthUser, id: string): Promise<void> {
    const conversation = await this.automation.find(id);
    if (!conversation) throw notFound('entity.conversation', id);
    if (!(await this.access.canAccess(user, conversation.inboxId))) throw new DomainException(ErrorCode.InboxForbidden);
  }
}
