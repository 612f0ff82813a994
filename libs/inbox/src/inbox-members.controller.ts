import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { idSchema } from '@app/common';
import { addInboxMemberSchema, replaceInboxMembersSchema, type AddInboxMemberInput, type ReplaceInboxMembersInput } from './dto/inbox-members.dto.js';
import { InboxMembersService } from './inbox-members.service.js';

@ApiTags('inboxes')
@Controller('inboxes/:id/members')
export class InboxMembersController {
  constructor(private readonly members: InboxMembersService) {}

  @Get()
  @ApiOperation({ summary: 'The users who work in this inbox.' })
  list(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.members.list(user, id);
  }

  @Put()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Make exactly these users the members; nothing changes when one of them does not exist (404).' })
  replace(@Param('id', { schema: idSchema }) id: string, @Body({ schema: replaceInboxMembersSchema }) body: ReplaceInboxMembersInput) {
    return this.members.replace(id, body.userIds);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Add one user to the inbox; adding a member again changes nothing. Answers the members.' })
  add(@Param('id', { schema: idSchema }) id: string, @Body({ schema: addInboxMemberSchema }) body: AddInboxMemberInput) {
    return this.members.add(id, body.userId);
  }

  @Delete(':userId')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one user from the inbox.' })
  remove(@Param('id', { schema: idSchema }) id: string, @Param('userId', { schema: idSchema }) userId: string) {
    return this.members.remove(id, userId);
  }
}
