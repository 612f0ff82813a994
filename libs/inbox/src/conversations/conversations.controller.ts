import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentUser, type AuthUser } from '@app/auth';
import { idSchema } from '@app/common';
import { ConversationsService } from './conversations.service.js';
import {
  assignmentSchema,
  attributesSchema,
  dealLinkSchema,
  listConversationsSchema,
  messagesPageSchema,
  replySchema,
  statusSchema,
  type AssignmentInput,
  type AttributesInput,
  type ListConversationsQuery,
  type ReplyInput,
  type StatusInput,
} from './dto/conversation.dto.js';

@ApiTags('conversations')
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiOperation({ summary: 'Conversations of the inboxes the caller may see, newest activity first; filters, full-text q over messages and contact, cursor.' })
  list(@CurrentUser() user: AuthUser, @Query({ schema: listConversationsSchema }) query: ListConversationsQuery) {
    return this.conversations.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One conversation with its contact and inbox.' })
  get(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.conversations.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Set priority and labels.' })
  update(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: attributesSchema }) body: AttributesInput) {
    return this.conversations.setAttributes(user, id, body);
  }

  @Get(':id/messages')
  @ApiOperation({ summary: 'A page of the thread, oldest first within the page; nextCursor pages back in time.' })
  messages(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Query({ schema: messagesPageSchema }) query: z.output<typeof messagesPageSchema>) {
    return this.conversations.messagesPage(user, id, query.cursor, query.limit);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Messages and the activities (calls, tasks, notes) of the conversation in one time line.' })
  timeline(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Query({ schema: messagesPageSchema }) query: z.output<typeof messagesPageSchema>) {
    return this.conversations.timeline(user, id, query.cursor, query.limit);
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'Reply to the customer (queued for delivery through the channel) or add a private note.' })
  reply(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: replySchema }) body: ReplyInput) {
    return this.conversations.reply(user, id, body);
  }

  @Post(':id/messages/:messageId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed reply again.' })
  retry(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Param('messageId', { schema: idSchema }) messageId: string) {
    return this.conversations.retry(user, id, messageId);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign to an agent and/or a team (null removes).' })
  assign(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: assignmentSchema }) body: AssignmentInput) {
    return this.conversations.assign(user, id, body);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open, pending, snoozed until a time, or resolved.' })
  status(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: statusSchema }) body: StatusInput) {
    return this.conversations.setStatus(user, id, body);
  }

  @Post(':id/deal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a deal to the conversation (null unlinks).' })
  deal(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: dealLinkSchema }) body: z.output<typeof dealLinkSchema>) {
    return this.conversations.linkDeal(user, id, body.dealId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the conversation as read (unread count 0).' })
  read(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.conversations.markRead(user, id);
  }
}
