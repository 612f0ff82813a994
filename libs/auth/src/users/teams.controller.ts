import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { idSchema, listQuerySchema, type ListQuery } from '@app/common';
import { Roles } from '../auth.decorators.js';
import {
  addMemberSchema,
  createTeamSchema,
  replaceMembersSchema,
  updateTeamSchema,
  type CreateTeamInput,
  type UpdateTeamInput,
} from './dto/teams.dto.js';
import { TeamsService } from './teams.service.js';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'List teams with their member counts; q searches name and description.' })
  list(@Query({ schema: listQuerySchema }) query: ListQuery) {
    return this.teams.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One team with its members.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.teams.get(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Create a team; names are unique (admins and supervisors).' })
  create(@Body({ schema: createTeamSchema }) body: CreateTeamInput) {
    return this.teams.create(body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Rename a team or change its description (admins and supervisors).' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateTeamSchema }) body: UpdateTeamInput) {
    return this.teams.update(id, body);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a team; its conversations keep their assignees but lose the team (admins and supervisors).' })
  async delete(@Param('id', { schema: idSchema }) id: string) {
    await this.teams.delete(id);
  }

  @Put(':id/members')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Replace the team members with exactly these users (admins and supervisors).' })
  replaceMembers(@Param('id', { schema: idSchema }) id: string, @Body({ schema: replaceMembersSchema }) body: z.infer<typeof replaceMembersSchema>) {
    return this.teams.replaceMembers(id, body.userIds);
  }

  @Post(':id/members')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add one user to the team; adding a member twice changes nothing (admins and supervisors).' })
  addMember(@Param('id', { schema: idSchema }) id: string, @Body({ schema: addMemberSchema }) body: z.infer<typeof addMemberSchema>) {
    return this.teams.addMember(id, body.userId);
  }

  @Delete(':id/members/:userId')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one user from the team (admins and supervisors).' })
  async removeMember(@Param('id', { schema: idSchema }) id: string, @Param('userId', { schema: idSchema }) userId: string) {
    await this.teams.removeMember(id, userId);
  }
}
