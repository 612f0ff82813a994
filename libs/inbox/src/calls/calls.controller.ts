import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type AuthUser } from '@app/auth';
import { idSchema } from '@app/common';
import { CallRecordingsService } from './call-recordings.service.js';
import { byteRange } from './byte-range.js';

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly recordings: CallRecordingsService) {}

  @Get(':activityId/recording')
  @ApiProduces('audio/mpeg')
  @ApiOperation({ summary: "Play a call's recording (the call activity's id), fetched through the server; supports Range for seeking." })
  async recording(@CurrentUser() user: AuthUser, @Param('activityId', { schema: idSchema }) activityId: string, @Headers('range') range: string | undefined, @Res() res: Response) {
    const file = await this.recordings.fetch(user, activityId);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `inline; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const slice = byteRange(range, file.data.length);
    if (slice === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${file.data.length}`).end();
      return;
    }
    if (slice) {
      res.status(206).setHeader('Content-Range', `bytes ${slice.start}-${slice.end}/${file.data.length}`);
      res.end(file.data.subarray(slice.start, slice.end + 1));
      return;
    }
    res.status(200).end(file.data);
  }
}
