import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { idSchema } from '@app/common';
import { CurrentUser, Roles } from '../auth.decorators.js';
import type { AuthUser } from '../auth.types.js';
import {
  changePasswordSchema,
  createUserSchema,
  listUsersQuerySchema,
  updateUserSchema,
  type ChangePasswordInput,
  type CreateUserInput,
  type ListUsersQuery,
  type UpdateUserInput,
} from './dto/users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'List users; q searches name and e-mail (admins and supervisors).' })
  list(@Query({ schema: listUsersQuerySchema }) query: ListUsersQuery) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user (admins, supervisors, or the user themself).' })
  get(@CurrentUser() actor: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.users.get(actor, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user with a password, role and language (admins).' })
  create(@CurrentUser() actor: AuthUser, @Body({ schema: createUserSchema }) body: CreateUserInput, @Ip() ip: string) {
    return this.users.create(actor, body, ip);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, language or active flag (admins); anyone may change their own name and language.' })
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: idSchema }) id: string,
    @Body({ schema: updateUserSchema }) body: UpdateUserInput,
    @Ip() ip: string,
  ) {
    return this.users.update(actor, id, body, ip);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user (admins); the last active administrator cannot be deleted.' })
  async delete(@CurrentUser() actor: AuthUser, @Param('id', { schema: idSchema }) id: string, @Ip() ip: string) {
    await this.users.delete(actor, id, ip);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password (own: with the current one; admins: anyone). Signs out every existing session.' })
  async changePassword(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: idSchema }) id: string,
    @Body({ schema: changePasswordSchema }) body: ChangePasswordInput,
    @Ip() ip: string,
  ) {
    await this.users.changePassword(actor, id, body, ip);
  }

  @Get(':id/inboxes')
  @ApiOperation({ summary: 'Inboxes the user is a member of.' })
  inboxes(@CurrentUser() actor: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.users.inboxesOf(actor, id);
  }

  @Get(':id/teams')
  @ApiOperation({ summary: 'Teams the user is a member of.' })
  teams(@CurrentUser() actor: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.users.teamsOf(actor, id);
  }
}
