import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema, openApiSchemaOf } from '@app/common';
import { AutomationRulesService } from './automation-rules.service.js';
import { MAX_RULE_DEPTH } from './automation-guard.js';
import {
  automationRuleSchema,
  listAutomationRulesSchema,
  listRunsSchema,
  reorderRulesSchema,
  RULE_EVENTS,
  ruleActionSchema,
  ruleConditionSchema,
  updateAutomationRuleSchema,
  type AutomationRuleInput,
  type ListAutomationRulesQuery,
  type ListRunsQuery,
  type UpdateAutomationRuleInput,
} from './dto/automation-rule.dto.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.js';

@ApiTags('automation')
@Roles('admin')
@Controller('automation-rules')
export class AutomationRulesController {
  constructor(private readonly rules: AutomationRulesService) {}

  @Get()
  @ApiZodQuery(listAutomationRulesSchema)
  @ApiOperation({ summary: 'Automation rules in the order they run; event narrows, q searches names.' })
  list(@Query({ schema: listAutomationRulesSchema }) query: ListAutomationRulesQuery) {
    return this.rules.list(query);
  }

  @Get('catalog')
  @ApiOperation({ summary: 'What a rule may contain, for building the editor: the events, and JSON schemas of conditions and actions.' })
  catalog() {
    return {
      events: RULE_EVENTS,
      maxDepth: MAX_RULE_DEPTH,
      conditions: openApiSchemaOf(ruleConditionSchema),
      actions: openApiSchemaOf(ruleActionSchema),
      webhook: { method: 'POST', headers: [SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER, EVENT_HEADER], signature: 'sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))' },
    };
  }

  @Get('runs')
  @ApiZodQuery(listRunsSchema)
  @ApiOperation({ summary: 'The log of rule runs, newest first (ruleId or conversationId narrows): what each action did, with webhook delivery states.' })
  runs(@Query({ schema: listRunsSchema }) query: ListRunsQuery) {
    return this.rules.runs(query);
  }

  @Post('reorder')
  @HttpCode(200)
  @ApiZodBody(reorderRulesSchema)
  @ApiOperation({ summary: 'Set the order rules run in: ids in the wanted order.' })
  reorder(@Body({ schema: reorderRulesSchema }) body: { ids: string[] }) {
    return this.rules.reorder(body.ids);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One automation rule.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.rules.get(id);
  }

  @Post()
  @ApiZodBody(automationRuleSchema)
  @ApiOperation({
    summary:
      'Create a rule: an event, conditions (all or any) and actions, checked when saved. Without position it runs last. The answer shows the secret that signs its webhooks, this once.',
  })
  create(@CurrentUser() user: AuthUser, @Body({ schema: automationRuleSchema }) body: AutomationRuleInput) {
    return this.rules.create(user, body);
  }

  @Patch(':id')
  @ApiZodBody(updateAutomationRuleSchema)
  @ApiOperation({ summary: 'Change a rule; given conditions and actions replace the old ones.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateAutomationRuleSchema }) body: UpdateAutomationRuleInput) {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule with its run log.' })
  async delete(@Param('id', { schema: idSchema }) id: string) {
    await this.rules.delete(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new webhook signing secret for the rule, shown this once; the old one stops working.' })
  rotateSecret(@Param('id', { schema: idSchema }) id: string) {
    return this.rules.rotateSecret(id);
  }
}
