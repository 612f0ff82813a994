import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Roles } from '@app/auth';
import { idSchema } from '@app/common';
import { createContactSchema, listContactsSchema, mergeContactSchema, updateContactSchema } from './dto/contact.dto.js';
import { ContactsService } from './contacts.service.js';

@ApiTags('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOperation({ summary: 'Contacts, newest first: search by name, phone (digits are enough), e-mail or tag; filter by tag, company, blocked.' })
  list(@Query({ schema: listContactsSchema }) query: z.output<typeof listContactsSchema>) {
    return this.contacts.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contact with its channel identities, company and number of open deals.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.contacts.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a contact; phones are stored in E.164, e-mails lower-cased; 409 when a phone or e-mail belongs to another contact.' })
  create(@Body({ schema: createContactSchema }) body: z.output<typeof createContactSchema>) {
    return this.contacts.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a contact; given lists (phones, e-mails, tags) replace the old ones.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateContactSchema }) body: z.output<typeof updateContactSchema>) {
    return this.contacts.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Delete a contact with its identities and conversations (administrators and supervisors).' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.contacts.delete(id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge another contact into this one: identities, conversations, deals and activities move here, the other is deleted.' })
  merge(@Param('id', { schema: idSchema }) id: string, @Body({ schema: mergeContactSchema }) body: z.output<typeof mergeContactSchema>) {
    return this.contacts.merge(id, body.otherId);
  }
}
