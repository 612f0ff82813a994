import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/auth';
import { StaffBotService } from './staff-bot.service.js';

@ApiTags('users')
@Controller('users/me/staff-bot-link')
export class StaffBotController {
  constructor(private readonly staffBot: StaffBotService) {}

  @Get()
  @ApiOperation({ summary: 'How to connect the staff Telegram bot (notifications about new orders and SLA breaches): a t.me link with this user\'s code, and whether a chat is linked.' })
  get(@CurrentUser() user: AuthUser) {
    return this.staffBot.linkOf(user);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop the staff bot\'s notifications to this user.' })
  async unlink(@CurrentUser() user: AuthUser): Promise<void> {
    if (user.kind === 'user') await this.staffBot.unlink(user.id);
  }
}
