import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, idSchema } from '@app/common';
import { createContactSchema, listContactsSchema, mergeContactSchema, updateContactSchema } from './dto/contact.dto.js';
import { booleanQuery } from '../shared/query.js';
import { ContactErasure } from './contact-erasure.js';
import { ContactsService } from './contacts.service.js';

const deleteContactQuerySchema = z.object({ erase: booleanQuery.optional() });

@ApiTags('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly moduleRef: ModuleRef,
  ) {}

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
  @ApiOperation({
    summary:
      'Delete a contact with its identities and conversations (administrators and supervisors). With erase=true (administrators): also the stored files, activities and event logs about them; deals stay, unlinked; audited.',
  })
  async delete(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: idSchema }) id: string,
    @Query({ schema: deleteContactQuerySchema }) query: z.output<typeof deleteContactQuerySchema>,
    @Ip() ip: string,
  ): Promise<void> {
    if (!query.erase) return this.contacts.delete(id);
    if (user.role !== 'admin') throw new DomainException(ErrorCode.Forbidden);
    // The erasure spans conversations and files, which live in a module that depends on this one.
    await this.moduleRef.get(ContactErasure, { strict: false }).erase(id, user, ip);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge another contact into this one: identities, conversations, deals and activities move here, the other is deleted.' })
  merge(@Param('id', { schema: idSchema }) id: string, @Body({ schema: mergeContactSchema }) body: z.output<typeof mergeContactSchema>) {
    return this.contacts.merge(id, body.otherId);
  }
}
