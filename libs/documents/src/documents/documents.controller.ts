import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, Public, type AuthUser } from '@app/auth';
import { idSchema, listQuerySchema } from '@app/common';
import { documentTokenSchema, generateDocumentSchema, sendDocumentSchema } from '../dto/documents.dto.js';
import { DocumentsService } from './documents.service.js';
import { sendPdf } from './pdf-response.js';

const listDocumentsSchema = listQuerySchema.omit({ q: true });
const fileQuerySchema = z.object({ inline: z.enum(['0', '1']).optional() });

@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('deals/:id/documents')
  @ApiOperation({ summary: "A deal's documents, newest first (without the file)." })
  list(@Param('id', { schema: idSchema }) dealId: string, @Query({ schema: listDocumentsSchema }) query: z.output<typeof listDocumentsSchema>) {
    return this.documents.listForDeal(dealId, query.cursor, query.limit);
  }

  @Post('deals/:id/documents')
  @ApiOperation({ summary: 'Make a document for the deal from a template: numbered per kind and year, rendered to PDF and stored; noted on the deal.' })
  generate(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) dealId: string, @Body({ schema: generateDocumentSchema }) body: z.output<typeof generateDocumentSchema>) {
    return this.documents.generate(user, dealId, body.templateId);
  }

  @Get('documents/:id/file')
  @ApiOperation({ summary: "Download a document's PDF (inline=1 to show it in the browser)." })
  async file(@Param('id', { schema: idSchema }) id: string, @Query({ schema: fileQuerySchema }) query: z.output<typeof fileQuerySchema>, @Res() res: Response) {
    const document = await this.documents.file(id);
    sendPdf(res, document.pdf, document.fileName, query.inline === '1' ? 'inline' : 'attachment', 'private, no-cache');
  }

  @Delete('documents/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a document (managers any, others their own); its number is not given out again.' })
  async delete(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.documents.delete(user, id);
  }

  @Post('documents/:id/send')
  @ApiOperation({ summary: 'Send the PDF into a conversation as an outgoing reply with the file attached (needs access to its inbox).' })
  async send(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Body({ schema: sendDocumentSchema }) body: z.output<typeof sendDocumentSchema>) {
    const { message } = await this.documents.send(user, id, body.conversationId);
    return message;
  }

  // The customer's channel fetches the file by this signed, expiring link.
  @Public()
  @Get('public/documents/:token')
  @ApiOperation({ summary: 'A document sent to a customer, by the signed link in the message.' })
  async publicFile(@Param('token', { schema: documentTokenSchema }) token: string, @Res() res: Response) {
    const document = await this.documents.publicFile(token);
    sendPdf(res, document.pdf, document.fileName, 'inline', 'private, max-age=600');
  }
}
