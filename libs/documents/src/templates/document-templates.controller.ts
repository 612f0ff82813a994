import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { Roles } from '@app/auth';
import { idSchema } from '@app/common';
import { createTemplateSchema, listTemplatesSchema, previewTemplateSchema, updateTemplateSchema } from '../dto/documents.dto.js';
import { sendPdf } from '../documents/pdf-response.js';
import { ITEM_VARIABLES, TEMPLATE_VARIABLES } from '../render/template-engine.js';
import { DocumentTemplatesService } from './document-templates.service.js';

@ApiTags('documents')
@Controller('document-templates')
export class DocumentTemplatesController {
  constructor(private readonly templates: DocumentTemplatesService) {}

  // Everyone signed in reads templates: an agent picks one on a deal.
  @Get()
  @ApiOperation({ summary: 'Document templates (invoice, quote, contract), newest first; filter by kind and language.' })
  list(@Query({ schema: listTemplatesSchema }) query: z.output<typeof listTemplatesSchema>) {
    return this.templates.list(query);
  }

  @Get('variables')
  @ApiOperation({ summary: 'The variables a template may use, and the fields of a line item inside {{#items}}…{{/items}}.' })
  variables() {
    return { variables: TEMPLATE_VARIABLES, itemVariables: ITEM_VARIABLES };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One document template with its HTML.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.templates.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a template; unknown {{variables}} answer 400 with their names; a new default replaces the old one of its kind and language.' })
  create(@Body({ schema: createTemplateSchema }) body: z.output<typeof createTemplateSchema>) {
    return this.templates.create(body);
  }

  @Post('preview')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render HTML to a PDF with a deal or sample data, without storing anything or using up a number.' })
  async preview(@Body({ schema: previewTemplateSchema }) body: z.output<typeof previewTemplateSchema>, @Res() res: Response) {
    sendPdf(res, await this.templates.preview(body), 'preview.pdf', 'inline', 'no-store');
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a template; the HTML is checked for unknown variables again.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateTemplateSchema }) body: z.output<typeof updateTemplateSchema>) {
    return this.templates.update(id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a template; documents made from it stay.' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.templates.delete(id);
  }
}
