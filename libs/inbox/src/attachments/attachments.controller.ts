import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Public } from '@app/auth';
import { idSchema } from '@app/common';
import { AttachmentsService } from './attachments.service.js';

const signedLinkSchema = z.object({
  exp: z.coerce.number().int().optional(),
  sig: z.string().max(100).optional(),
});

/** Types a browser may show inline; anything else is downloaded, so a stored HTML or SVG file can never run as this site. */
const INLINE = /^(image\/(jpeg|png|gif|webp)|video\/(mp4|webm)|audio\/(ogg|mpeg|mp4))$/;

@ApiTags('attachments')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  // Public for the guard: the service accepts either a signed link or the usual token or API key.
  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A stored file of a message: with the signed link from the message (exp, sig), or with a token of a member of its inbox.' })
  async download(
    @Param('id', { schema: idSchema }) id: string,
    @Query({ schema: signedLinkSchema }) query: z.output<typeof signedLinkSchema>,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res() res: Response,
  ) {
    const { attachment, sizeBytes, stream } = await this.attachments.open(id, { headers, exp: query.exp, sig: query.sig });
    const inline = INLINE.test(attachment.contentType);
    res.status(200).set({
      'content-type': inline ? attachment.contentType : 'application/octet-stream',
      'content-length': String(sizeBytes),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=600',
    });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
