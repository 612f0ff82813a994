import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Roles } from '@app/auth';
import { idSchema } from '@app/common';
import { createDealSchema, listDealsSchema, moveDealSchema, updateDealSchema } from './dto/deal.dto.js';
import { DealsService } from './deals.service.js';

@ApiTags('deals')
@Controller('deals')
export class DealsController {
  constructor(private readonly deals: DealsService) {}

  @Get()
  @ApiOperation({ summary: 'Deals, newest first: search by title; filter by pipeline, stage, status, contact, company, owner.' })
  list(@Query({ schema: listDealsSchema }) query: z.output<typeof listDealsSchema>) {
    return this.deals.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One deal with its line items, stage, contact and company.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.deals.get(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a deal; without a pipeline it goes to the default one, without a stage to the first stage; without an amount the line items are totalled exactly.',
  })
  create(@Body({ schema: createDealSchema }) body: z.output<typeof createDealSchema>) {
    return this.deals.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a deal; line items, when given, replace the old ones.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateDealSchema }) body: z.output<typeof updateDealSchema>) {
    return this.deals.update(id, body);
  }

  @Post(':id/stage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a deal to another stage of its pipeline: won and lost stages close it, open stages reopen it.' })
  move(@Param('id', { schema: idSchema }) id: string, @Body({ schema: moveDealSchema }) body: z.output<typeof moveDealSchema>) {
    return this.deals.moveToStage(id, body.stageId);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a deal with its line items and activities.' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.deals.delete(id);
  }
}
