import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/auth';
import { firstHeader } from './allowed-origin.js';
import { widgetTokenSchema } from './dto/visitor-events.dto.js';
import type { WidgetConfig } from './visitor-protocol.js';
import { WebchatVisitorsService } from './webchat-visitors.service.js';

@ApiTags('webchat')
@Public()
@Controller('webchat')
export class WebchatConfigController {
  constructor(private readonly visitors: WebchatVisitorsService) {}

  @Get(':widgetToken/config')
  @ApiOperation({
    summary:
      "The widget's public settings (name, colour, greeting, when to ask for contacts, working-hours message); 403 for a page on an origin the inbox does not allow, 404 for an unknown token.",
  })
  config(@Param('widgetToken', { schema: widgetTokenSchema }) widgetToken: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WidgetConfig> {
    // The page embedding the widget is on another site; it may read the answer, a refusal included, so it can say why.
    const origin = firstHeader(req.headers.origin);
    if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Cache-Control', 'no-cache');
    return this.visitors.widgetConfig(widgetToken, req.headers);
  }
}
