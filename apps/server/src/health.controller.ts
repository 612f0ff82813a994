import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';
import { DB_HANDLE, type DatabaseHandle } from '@app/db';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DB_HANDLE) private readonly database: DatabaseHandle) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability; 503 when the database is down.' })
  async health() {
    try {
      await this.database.ping();
    } catch {
      throw new DomainException(ErrorCode.ServiceUnavailable);
    }
    return { status: 'ok', database: this.database.driver, time: new Date().toISOString() };
  }
}
