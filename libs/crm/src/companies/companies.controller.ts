import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Roles } from '@app/auth';
import { idSchema } from '@app/common';
import { createCompanySchema, listCompaniesSchema, updateCompanySchema } from './dto/company.dto.js';
import { CompaniesService } from './companies.service.js';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @ApiOperation({ summary: 'Companies, newest first: search by name, domain or phone.' })
  list(@Query({ schema: listCompaniesSchema }) query: z.output<typeof listCompaniesSchema>) {
    return this.companies.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One company with the number of its contacts.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.companies.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a company; the phone is stored in E.164.' })
  create(@Body({ schema: createCompanySchema }) body: z.output<typeof createCompanySchema>) {
    return this.companies.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a company.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateCompanySchema }) body: z.output<typeof updateCompanySchema>) {
    return this.companies.update(id, body);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a company; its contacts and deals stay, without the company.' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.companies.delete(id);
  }
}
