import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { idSchema } from '@app/common';
import {
  createInboxSchema,
  listInboxesQuerySchema,
  updateInboxSchema,
  type CreateInboxInput,
  type ListInboxesQuery,
  type UpdateInboxInput,
} from './dto/inbox.dto.js';
import { InboxesService } from './inboxes.service.js';

@ApiTags('inboxes')
@Controller('inboxes')
export class InboxesController {
  constructor(private readonly inboxes: InboxesService) {}

  @Get()
  @ApiOperation({ summary: 'Inboxes the caller may see (an agent: only those they are a member of), newest first.' })
  list(@CurrentUser() user: AuthUser, @Query({ schema: listInboxesQuerySchema }) query: ListInboxesQuery) {
    return this.inboxes.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One inbox; settings come without secret values, secretFields names the secrets that are set.' })
  get(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.inboxes.get(user, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create an inbox of a channel type with its settings; secrets are stored encrypted. An api inbox answers its webhookSecret here, this once.',
  })
  create(@Body({ schema: createInboxSchema }) body: CreateInboxInput) {
    return this.inboxes.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change name, enabled or settings. Settings are replaced as sent, except secrets: one left out keeps its value, null removes it. The type cannot change.',
  })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateInboxSchema }) body: UpdateInboxInput) {
    return this.inboxes.update(id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an inbox with its conversations and messages.' })
  delete(@Param('id', { schema: idSchema }) id: string) {
    return this.inboxes.delete(id);
  }

  @Post(':id/rotate-secret')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Generate a new webhook secret for an api inbox; the answer shows it this once, the old one stops working.' })
  rotateSecret(@Param('id', { schema: idSchema }) id: string) {
    return this.inboxes.rotateSecret(id);
  }
}
