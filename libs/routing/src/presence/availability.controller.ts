import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, DomainException, ErrorCode } from '@app/common';
import { availabilityQuerySchema, availabilitySchema, type AvailabilityInput, type AvailabilityQuery } from './dto/availability.dto.js';
import { PresenceService } from './presence.service.js';

@ApiTags('routing')
@Controller()
export class AvailabilityController {
  constructor(private readonly presence: PresenceService) {}

  @Put('users/me/availability')
  @ApiZodBody(availabilitySchema)
  @ApiOperation({
    summary:
      'Set your own status: online (new conversations come to you), busy (none come) or offline. Also counts as activity; a client without a socket calls it at least every minute to stay online.',
  })
  setMine(@CurrentUser() user: AuthUser, @Body({ schema: availabilitySchema }) body: AvailabilityInput) {
    if (user.kind !== 'user') throw new DomainException(ErrorCode.Forbidden);
    return this.presence.choose(user.id, body.status);
  }

  @Get('agents/availability')
  @ApiZodQuery(availabilityQuerySchema)
  @ApiOperation({
    summary: 'Every active user with their status (online, busy, offline; idle or disconnected agents show offline) and open conversations; inboxId or teamId narrows to members.',
  })
  async list(@Query({ schema: availabilityQuerySchema }) query: AvailabilityQuery) {
    return { items: await this.presence.directory(query) };
  }
}
