import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { idSchema } from '@app/common';
import {
  listSegmentsSchema,
  previewSegmentSchema,
  saveSegmentSchema,
  segmentContactsSchema,
  updateSegmentSchema,
  type ListSegmentsQuery,
  type PreviewSegmentBody,
  type SaveSegmentBody,
  type SegmentContactsQuery,
  type UpdateSegmentBody,
} from './dto/segment.dto.js';
import { SegmentsService } from './segments.service.js';

@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Saved segments, newest first; search by name or description.' })
  list(@Query({ schema: listSegmentsSchema }) query: ListSegmentsQuery) {
    return this.segments.list(query);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What a filter selects now: the number of contacts and up to 10 of them (the editor\'s live count).' })
  preview(@Body({ schema: previewSegmentSchema }) body: PreviewSegmentBody) {
    return this.segments.preview(body.filter);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One segment with its filter.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.segments.get(id);
  }

  @Get(':id/contacts')
  @ApiOperation({ summary: 'The contacts of a segment now, newest first, paged by cursor.' })
  contacts(@Param('id', { schema: idSchema }) id: string, @Query({ schema: segmentContactsSchema }) query: SegmentContactsQuery) {
    return this.segments.contacts(id, query);
  }

  @Get(':id/report')
  @ApiOperation({ summary: 'Figures of a segment now: contacts, opted out, contacts per channel, won deals and their revenue.' })
  report(@Param('id', { schema: idSchema }) id: string) {
    return this.segments.report(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Save a segment: a name and a filter ({ match: all|any, conditions }) (administrators and supervisors).' })
  create(@CurrentUser() user: AuthUser, @Body({ schema: saveSegmentSchema }) body: SaveSegmentBody) {
    return this.segments.create(user, body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Change a segment\'s name, description and/or filter (administrators and supervisors).' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateSegmentSchema }) body: UpdateSegmentBody) {
    return this.segments.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Delete a segment (administrators and supervisors).' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.segments.delete(id);
  }
}
