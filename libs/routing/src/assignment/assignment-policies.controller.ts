import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import { AssignmentPoliciesService } from './assignment-policies.service.js';
import { createPolicySchema, listPoliciesSchema, updatePolicySchema, type CreatePolicyInput, type ListPoliciesQuery, type UpdatePolicyInput } from './dto/assignment-policy.dto.js';

@ApiTags('routing')
@Controller('assignment-policies')
export class AssignmentPoliciesController {
  constructor(private readonly policies: AssignmentPoliciesService) {}

  @Get()
  @ApiZodQuery(listPoliciesSchema)
  @ApiOperation({ summary: 'Assignment policies of inboxes and teams, newest first; inboxId or teamId narrows the list.' })
  list(@Query({ schema: listPoliciesSchema }) query: ListPoliciesQuery) {
    return this.policies.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One assignment policy.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.policies.get(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiZodBody(createPolicySchema)
  @ApiOperation({
    summary:
      'Create the policy of an inbox (inboxId) or a team (teamId): manual, round_robin, least_busy, strict_order or sticky, with capacity per agent. Only online agents with room are picked; waiting conversations are handed out oldest first as agents become free.',
  })
  create(@Body({ schema: createPolicySchema }) body: CreatePolicyInput) {
    return this.policies.create(body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updatePolicySchema)
  @ApiOperation({ summary: 'Change a policy (its inbox or team stays); waiting conversations are routed again at once.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updatePolicySchema }) body: UpdatePolicyInput) {
    return this.policies.update(id, body);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a policy: the inbox or team goes back to manual assignment.' })
  async delete(@Param('id', { schema: idSchema }) id: string) {
    await this.policies.delete(id);
  }
}
