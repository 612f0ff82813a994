import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/auth';
import { DashboardService } from './dashboard.service.js';

@ApiTags('reports')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('live')
  @ApiOperation({ summary: 'Now: open, unassigned and waiting conversations, the longest wait, agents with presence and load, SLA breaches and warnings (an agent sees their inboxes only).' })
  live(@CurrentUser() user: AuthUser) {
    return this.dashboard.live(user);
  }
}
