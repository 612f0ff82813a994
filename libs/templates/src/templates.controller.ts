import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema, requestContext } from '@app/common';
import {
  byShortCodeSchema,
  createTemplateSchema,
  listTemplatesSchema,
  previewTemplateSchema,
  previewTextSchema,
  updateTemplateSchema,
  useTemplateSchema,
  type CreateTemplateInput,
  type ListTemplatesQuery,
  type PreviewTemplateInput,
  type PreviewTextInput,
  type UpdateTemplateInput,
  type UseTemplateInput,
} from './dto/template.dto.js';
import { TEMPLATE_VARIABLES } from './template-renderer.js';
import { describeTemplateVariables } from './template-variable-hints.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('templates')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiZodQuery(listTemplatesSchema)
  @ApiOperation({ summary: 'Canned responses the caller may use, newest first; q searches short code, name and text; inboxId narrows to that inbox\'s own and the global ones.' })
  list(@CurrentUser() user: AuthUser, @Query({ schema: listTemplatesSchema }) query: ListTemplatesQuery) {
    return this.templates.list(user, query);
  }

  @Get('variables')
  @ApiOperation({ summary: 'The variables a template may use, e.g. {{contact.name}}, with what each holds in the caller\'s language; {{name | "fallback"}} gives a text for a missing value.' })
  variables() {
    return { items: TEMPLATE_VARIABLES, descriptions: describeTemplateVariables(requestContext.locale()) };
  }

  @Get('by-code/:shortCode')
  @ApiZodQuery(byShortCodeSchema)
  @ApiOperation({ summary: 'The template typed as /shortCode in an inbox\'s composer: the inbox\'s own, else the global one.' })
  byShortCode(@CurrentUser() user: AuthUser, @Param('shortCode', { schema: z.string().trim().min(1).max(41) }) shortCode: string, @Query({ schema: byShortCodeSchema }) query: z.output<typeof byShortCodeSchema>) {
    return this.templates.byShortCode(user, shortCode, query.inboxId);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiZodBody(previewTextSchema)
  @ApiOperation({ summary: 'Render unsaved template text (the editor\'s preview) from a conversation or from sample values; answers text and the variables left empty.' })
  previewText(@CurrentUser() user: AuthUser, @Body({ schema: previewTextSchema }) body: PreviewTextInput) {
    return this.templates.previewText(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One template.' })
  get(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.templates.get(user, id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiZodBody(createTemplateSchema)
  @ApiOperation({ summary: 'Create a template: short code, text with variables, per-channel variants (e.g. sms), attachments by URL; inboxId null makes it global.' })
  create(@CurrentUser() user: AuthUser, @Body({ schema: createTemplateSchema }) body: CreateTemplateInput) {
    return this.templates.create(user, body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updateTemplateSchema)
  @ApiOperation({ summary: 'Change a template; given variants and attachments replace the old ones.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateTemplateSchema }) body: UpdateTemplateInput) {
    return this.templates.update(id, body);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a template.' })
  async delete(@Param('id', { schema: idSchema }) id: string) {
    await this.templates.delete(id);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiZodBody(previewTemplateSchema)
  @ApiOperation({ summary: 'Render a template for a conversation (its channel variant) or with sample values; not counted as a use.' })
  preview(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: previewTemplateSchema }) body: PreviewTemplateInput) {
    return this.templates.preview(user, id, body);
  }

  @Post(':id/use')
  @HttpCode(200)
  @ApiZodBody(useTemplateSchema)
  @ApiOperation({ summary: 'Use a template in a conversation: rendered, counted, and with send=true sent as the caller\'s reply (or private note) with its attachments.' })
  use(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: useTemplateSchema }) body: UseTemplateInput) {
    return this.templates.use(user, id, body);
  }
}
