import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Roles } from '@app/auth';
import { idSchema } from '@app/common';
import { createPipelineSchema, updatePipelineSchema } from './dto/pipeline.dto.js';
import { PipelinesService } from './pipelines.service.js';

@ApiTags('pipelines')
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @ApiOperation({ summary: 'Every pipeline with its stages in order.' })
  list() {
    return this.pipelines.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One pipeline with its stages in order.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.pipelines.get(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Create a pipeline with its stages (administrators and supervisors); the first pipeline becomes the default.' })
  create(@Body({ schema: createPipelineSchema }) body: z.output<typeof createPipelineSchema>) {
    return this.pipelines.create(body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({
    summary: 'Rename, make default, or reshape the stages: stages with an id are changed, without one added, left out ones removed (409 if they hold deals).',
  })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updatePipelineSchema }) body: z.output<typeof updatePipelineSchema>) {
    return this.pipelines.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Delete a pipeline and its stages; 409 while it has deals.' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.pipelines.delete(id);
  }
}
