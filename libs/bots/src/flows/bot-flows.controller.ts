import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import { BotRuntimeService } from '../sessions/bot-runtime.service.js';
import { FlowSimulatorService } from '../simulator/flow-simulator.service.js';
import { BotFlowsService } from './bot-flows.service.js';
import {
  createBotFlowSchema,
  listBotFlowsSchema,
  simulateBotFlowSchema,
  updateBotFlowSchema,
  validateBotFlowSchema,
  type CreateBotFlowInput,
  type ListBotFlowsQuery,
  type SimulateBotFlowInput,
  type UpdateBotFlowInput,
} from './dto/bot-flow.dto.js';

@ApiTags('bot-flows')
@Controller('bot-flows')
export class BotFlowsController {
  constructor(
    private readonly flows: BotFlowsService,
    private readonly simulator: FlowSimulatorService,
    private readonly runtime: BotRuntimeService,
  ) {}

  @Get()
  @ApiZodQuery(listBotFlowsSchema)
  @ApiOperation({ summary: 'Bot flows, newest first, with their triggers, published version and running sessions; q searches name and description.' })
  list(@Query({ schema: listBotFlowsSchema }) query: ListBotFlowsQuery) {
    return this.flows.list(query);
  }

  @Post('validate')
  @HttpCode(200)
  @ApiZodBody(validateBotFlowSchema)
  @ApiOperation({ summary: 'Check a flow document without saving it: answers valid and every problem with its field path (always 200).' })
  validate(@Body({ schema: validateBotFlowSchema }) body: z.output<typeof validateBotFlowSchema>) {
    return this.flows.validate(body.document);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One flow with its draft document and published versions.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.flows.get(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiZodBody(createBotFlowSchema)
  @ApiOperation({ summary: 'Create a flow (a draft): name, the flow document (nodes and edges), triggers. A malformed document is refused with every schema error.' })
  create(@Body({ schema: createBotFlowSchema }) body: CreateBotFlowInput) {
    return this.flows.create(body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updateBotFlowSchema)
  @ApiOperation({ summary: 'Change the name, triggers or the draft document; running sessions are not affected until the next publish.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateBotFlowSchema }) body: UpdateBotFlowInput) {
    return this.flows.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Delete a flow with its versions; its running sessions end.' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.runtime.stopFlow(id);
    await this.flows.delete(id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Publish the draft as the next version: new sessions run it, running ones finish on the version they started.' })
  publish(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.flows.publish(id, user.kind === 'user' ? user.id : null);
  }

  @Post(':id/simulate')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @ApiZodBody(simulateBotFlowSchema)
  @ApiOperation({ summary: 'Chat with a flow (the draft, or the document sent) without any channel: omit sessionId to start; effects are described, not carried out.' })
  simulate(@Param('id', { schema: idSchema }) id: string, @Body({ schema: simulateBotFlowSchema }) body: SimulateBotFlowInput) {
    return this.simulator.simulate(id, body);
  }
}
