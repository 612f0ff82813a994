import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import { BlacklistService } from './blacklist.service.js';
import {
  createBlacklistEntrySchema,
  floodSettingsSchema,
  listBlacklistSchema,
  updateBlacklistEntrySchema,
  type CreateBlacklistEntryInput,
  type FloodSettings,
  type ListBlacklistQuery,
  type UpdateBlacklistEntryInput,
} from './dto/blacklist.dto.js';

@ApiTags('blacklist')
@Roles('admin', 'supervisor')
@Controller('blacklist')
export class BlacklistController {
  constructor(private readonly blacklist: BlacklistService) {}

  @Get()
  @ApiZodQuery(listBlacklistSchema)
  @ApiOperation({ summary: 'Blacklist entries, newest first; q searches value and reason; kind, inboxId and active (not expired) narrow the list.' })
  list(@Query({ schema: listBlacklistSchema }) query: ListBlacklistQuery) {
    return this.blacklist.list(query);
  }

  @Get('settings')
  @ApiOperation({ summary: 'Flood protection: whether it is on and how many messages a sender may send per minute.' })
  settings() {
    return this.blacklist.floodSettings();
  }

  @Put('settings')
  @ApiZodBody(floodSettingsSchema)
  @ApiOperation({ summary: 'Change flood protection; a sender over the limit has further messages of that minute stored hidden and supervisors get a sender.throttled event.' })
  saveSettings(@CurrentUser() user: AuthUser, @Body({ schema: floodSettingsSchema }) body: FloodSettings) {
    return this.blacklist.saveFloodSettings(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One blacklist entry.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.blacklist.get(id);
  }

  @Post()
  @ApiZodBody(createBlacklistEntrySchema)
  @ApiOperation({
    summary:
      'Block by channel identity, phone, e-mail, domain, text pattern (/regex/ between slashes) or contact id, in one inbox or all, with a reason and an optional expiry. Messages that match are stored hidden: no notification, assignment or bot.',
  })
  create(@CurrentUser() user: AuthUser, @Body({ schema: createBlacklistEntrySchema }) body: CreateBlacklistEntryInput) {
    return this.blacklist.create(user, body);
  }

  @Patch(':id')
  @ApiZodBody(updateBlacklistEntrySchema)
  @ApiOperation({ summary: 'Change the reason or expiry of an entry (to block something else, add a new entry).' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateBlacklistEntrySchema }) body: UpdateBlacklistEntryInput) {
    return this.blacklist.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an entry: matching senders\' new messages are shown again.' })
  async delete(@Param('id', { schema: idSchema }) id: string) {
    await this.blacklist.delete(id);
  }
}
