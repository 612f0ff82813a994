import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { idSchema } from '@app/common';
import { ContactsService } from '@app/crm';
import { consentChangeSchema, type ConsentChangeBody } from './dto/consent.dto.js';
import { ConsentService } from './consent.service.js';

@ApiTags('contacts')
@Controller('contacts')
export class ConsentController {
  constructor(
    private readonly consent: ConsentService,
    private readonly contacts: ContactsService,
  ) {}

  @Post(':id/consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Opt a contact out of marketing messages or back in, on their request to the team (source "agent"); answers the contact.' })
  async change(@Param('id', { schema: idSchema }) id: string, @Body({ schema: consentChangeSchema }) body: ConsentChangeBody) {
    await this.consent.change(id, body.optedOut ? { source: 'agent' } : null);
    return this.contacts.get(id);
  }
}
