import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit.service.js';
import { Roles } from '../auth.decorators.js';
import { auditLogQuerySchema, type AuditLogQuery } from './dto/audit-log.dto.js';

@ApiTags('audit-log')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Security events, newest first: sign-ins, user and role changes, API keys; filter by action or target (admins).' })
  list(@Query({ schema: auditLogQuerySchema }) query: AuditLogQuery) {
    return this.audit.list(query.cursor, query.limit, { action: query.action, targetId: query.targetId });
  }
}
