import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentUser, type AuthUser } from '@app/auth';
import { idSchema } from '@app/common';
import { createActivitySchema, listActivitiesSchema, updateActivitySchema } from './dto/activity.dto.js';
import { ActivitiesService } from './activities.service.js';

@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @ApiOperation({ summary: 'Activities, newest first: filter by type, contact, deal, conversation, owner, done and due date range.' })
  list(@Query({ schema: listActivitiesSchema }) query: z.output<typeof listActivitiesSchema>) {
    return this.activities.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One activity.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.activities.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Record a call, meeting, e-mail, task or note, optionally about a contact, deal or conversation.' })
  create(@Body({ schema: createActivitySchema }) body: z.output<typeof createActivitySchema>, @CurrentUser() user: AuthUser) {
    return this.activities.create(body, user.kind === 'user' ? user.id : null);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an activity; setting done to true records when it was done.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateActivitySchema }) body: z.output<typeof updateActivitySchema>) {
    return this.activities.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an activity.' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.activities.delete(id);
  }
}
