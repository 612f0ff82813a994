import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Roles } from '@app/auth';
import { documentSettingsSchema } from '../dto/documents.dto.js';
import { DocumentSettingsService } from './document-settings.service.js';

@ApiTags('documents')
@Controller('document-settings')
@Roles('admin')
export class DocumentSettingsController {
  constructor(private readonly settings: DocumentSettingsService) {}

  @Get()
  @ApiOperation({ summary: "The seller's requisites printed on documents (company, tax id, КПП, address, bank, account, БИК, signatory)." })
  get() {
    return this.settings.get();
  }

  @Put()
  @ApiOperation({ summary: "Replace the seller's requisites; omitted fields become empty." })
  update(@Body({ schema: documentSettingsSchema }) body: z.output<typeof documentSettingsSchema>) {
    return this.settings.update(body);
  }
}
