import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema, type ListQuery } from '@app/common';
import { createSlaPolicySchema, listSlaPoliciesSchema, updateSlaPolicySchema, type CreateSlaPolicyInput, type UpdateSlaPolicyInput } from './dto/sla-policy.dto.js';
import { SlaPoliciesService } from './sla-policies.service.js';

@ApiTags('sla')
@Roles('admin', 'supervisor')
@Controller('sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Get()
  @ApiZodQuery(listSlaPoliciesSchema)
  @ApiOperation({ summary: 'SLA policies, newest first; q searches names.' })
  list(@Query({ schema: listSlaPoliciesSchema }) query: ListQuery) {
    return this.policies.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One SLA policy.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.policies.get(id);
  }

  @Post()
  @ApiZodBody(createSlaPolicySchema)
  @ApiOperation({ summary: 'Add an SLA policy: first response, next response and resolution times, business hours only, warning percent, conditions (inboxes, teams, priorities, labels).' })
  create(@Body({ schema: createSlaPolicySchema }) body: CreateSlaPolicyInput) {
    return this.policies.create(body);
  }

  @Patch(':id')
  @ApiZodBody(updateSlaPolicySchema)
  @ApiOperation({ summary: 'Change an SLA policy; conversations measured from now on use the new times.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateSlaPolicySchema }) body: UpdateSlaPolicyInput) {
    return this.policies.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an SLA policy and the clocks it started.' })
  async remove(@Param('id', { schema: idSchema }) id: string) {
    await this.policies.remove(id);
  }
}
