import { Controller, Get, Ip, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { idSchema } from '@app/common';
import { ContactDataService } from './contact-data.service.js';

/** The export lives here, beside conversations; erasing is DELETE /api/contacts/:id?erase=true. */
@ApiTags('contacts')
@Controller('contacts')
export class ContactDataController {
  constructor(private readonly data: ContactDataService) {}

  @Get(':id/export')
  @Roles('admin')
  @ApiOperation({ summary: 'Everything stored about a contact as one JSON file: fields, identities, conversations with messages and file metadata, deals, activities, ratings (administrators; audited).' })
  async export(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string, @Ip() ip: string, @Res({ passthrough: true }) res: Response) {
    const data = await this.data.export(id, user, ip);
    res.setHeader('Content-Disposition', `attachment; filename="contact-${id}.json"`);
    return data;
  }
}
