import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import { BlacklistService } from '../blacklist/blacklist.service.js';
import { blockContactSchema, type BlockContactInput } from '../blacklist/dto/blacklist.dto.js';
import { queueQuerySchema, transferSchema, type QueueQuery, type TransferInput } from './dto/assignment-policy.dto.js';
import { RoutingQueueService } from './routing-queue.service.js';

@ApiTags('routing')
@Controller()
export class ConversationRoutingController {
  constructor(
    private readonly queue: RoutingQueueService,
    private readonly blacklist: BlacklistService,
  ) {}

  @Get('assignment-queue')
  @ApiZodQuery(queueQuerySchema)
  @ApiOperation({ summary: 'Open, unassigned conversations the caller may see, each with its policy and waiting time (in business hours where the policy says so).' })
  waiting(@CurrentUser() user: AuthUser, @Query({ schema: queueQuerySchema }) query: QueueQuery) {
    return this.queue.queue(user, query);
  }

  @Get('conversations/:id/routing')
  @ApiOperation({ summary: 'How the conversation is routed: policy, waiting time, strict-order offer and agents already tried, out-of-hours reply period.' })
  routing(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.queue.routingOf(user, id);
  }

  @Post('conversations/:id/transfer')
  @HttpCode(200)
  @ApiZodBody(transferSchema)
  @ApiOperation({ summary: 'Transfer to an agent and/or a team with a private note; given only a team, the team\'s policy picks the agent.' })
  transfer(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: transferSchema }) body: TransferInput) {
    return this.queue.transfer(user, id, body);
  }

  @Get('conversations/:id/block')
  @ApiOperation({ summary: 'Whether the conversation\'s contact is blocked here, and by which blacklist entries.' })
  blockStatus(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.blacklist.blockStatus(user, id);
  }

  @Post('conversations/:id/block')
  @HttpCode(200)
  @ApiZodBody(blockContactSchema)
  @ApiOperation({ summary: 'Block the conversation\'s contact in one click (every inbox or this one), with a reason and an optional expiry: their new messages are stored hidden.' })
  block(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: blockContactSchema }) body: BlockContactInput) {
    return this.blacklist.blockContact(user, id, body);
  }

  @Post('conversations/:id/unblock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unblock the contact: removes the entries naming them (contact, identity, phone, e-mail) and their blocked flag; domain and text rules stay.' })
  unblock(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.blacklist.unblockContact(user, id);
  }
}
