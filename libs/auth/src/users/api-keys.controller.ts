import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { idSchema } from '@app/common';
import { CurrentUser, Roles } from '../auth.decorators.js';
import type { AuthUser } from '../auth.types.js';
import { ApiKeysService } from './api-keys.service.js';
import { createApiKeySchema, listApiKeysQuerySchema, type CreateApiKeyInput, type ListApiKeysQuery } from './dto/api-keys.dto.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List API keys with prefix, last use and revocation; never the keys themselves (admins).' })
  list(@Query({ schema: listApiKeysQuerySchema }) query: ListApiKeysQuery) {
    return this.keys.list(query.cursor, query.limit);
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key for an integration; the answer shows the full key once, store it then (admins).' })
  create(@CurrentUser() actor: AuthUser, @Body({ schema: createApiKeySchema }) body: CreateApiKeyInput, @Ip() ip: string) {
    return this.keys.create(actor, body, ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key: requests with it are refused from now on (admins).' })
  async revoke(@CurrentUser() actor: AuthUser, @Param('id', { schema: idSchema }) id: string, @Ip() ip: string) {
    await this.keys.revoke(actor, id, ip);
  }
}
