import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, idSchema } from '@app/common';
import { BusinessHoursService } from './business-hours.service.js';
import { businessHoursSchema, type BusinessHoursInput } from './dto/business-hours.dto.js';

@ApiTags('routing')
@Controller('inboxes/:id/business-hours')
export class BusinessHoursController {
  constructor(private readonly hours: BusinessHoursService) {}

  @Get()
  @ApiOperation({ summary: 'The inbox\'s opening hours (time zone, weekly intervals, holidays, out-of-hours auto-reply) and whether it is open now.' })
  get(@CurrentUser() user: AuthUser, @Param('id', { schema: idSchema }) id: string) {
    return this.hours.get(user, id);
  }

  @Put()
  @Roles('admin', 'supervisor')
  @ApiZodBody(businessHoursSchema)
  @ApiOperation({ summary: 'Replace the inbox\'s opening hours; the auto-reply goes out once per closed period of a conversation.' })
  save(@Param('id', { schema: idSchema }) id: string, @Body({ schema: businessHoursSchema }) body: BusinessHoursInput) {
    return this.hours.save(id, body);
  }
}
