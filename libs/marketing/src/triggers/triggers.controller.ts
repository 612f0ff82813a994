import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import {
  createTriggerSchema,
  listOccurrencesSchema,
  listTriggersSchema,
  testTriggerSchema,
  updateTriggerSchema,
  type CreateTriggerInput,
  type ListOccurrencesQuery,
  type ListTriggersQuery,
  type UpdateTriggerInput,
} from './dto/trigger.dto.js';
import { TriggersService } from './triggers.service.js';

@ApiTags('triggers')
@Controller('triggers')
export class TriggersController {
  constructor(private readonly triggers: TriggersService) {}

  @Get()
  @ApiZodQuery(listTriggersSchema)
  @ApiOperation({ summary: 'Triggered messages, newest first; q searches names, kind narrows to date or event triggers.' })
  list(@Query({ schema: listTriggersSchema }) query: ListTriggersQuery) {
    return this.triggers.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One triggered message, with how many occurrences were sent, skipped or failed.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.triggers.get(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiZodBody(createTriggerSchema)
  @ApiOperation({
    summary:
      'Create a trigger: kind "date" (config {field: birthday|custom|created_at, customFieldKey, offsetDays}) or "event" (config {event: deal_stage, stageId} | {event: no_reply, days} | {event: cart_abandoned, hours}), a template, an inbox (null: the contact\'s latest conversation\'s), an optional segment, the local send time and quiet hours.',
  })
  create(@Body({ schema: createTriggerSchema }) body: CreateTriggerInput) {
    return this.triggers.create(body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updateTriggerSchema)
  @ApiOperation({ summary: 'Change a trigger; a new config comes with its kind. Switching it off keeps its log.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateTriggerSchema }) body: UpdateTriggerInput) {
    return this.triggers.update(id, body);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a trigger and its log.' })
  async delete(@Param('id', { schema: idSchema }) id: string) {
    await this.triggers.delete(id);
  }

  @Get(':id/occurrences')
  @ApiZodQuery(listOccurrencesSchema)
  @ApiOperation({ summary: 'The trigger\'s log, newest first: per contact and occurrence, sent, skipped (with the reason), failed or still waiting for quiet hours to end.' })
  occurrences(@Param('id', { schema: idSchema }) id: string, @Query({ schema: listOccurrencesSchema }) query: ListOccurrencesQuery) {
    return this.triggers.occurrences(id, query);
  }

  @Post(':id/test')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @ApiZodBody(testTriggerSchema)
  @ApiOperation({ summary: 'Send the trigger\'s message to one contact now (ignores the once-rule, quiet hours and the active switch); logged as a test.' })
  test(@Param('id', { schema: idSchema }) id: string, @Body({ schema: testTriggerSchema }) body: z.output<typeof testTriggerSchema>) {
    return this.triggers.test(id, body.contactId);
  }
}
