import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@app/auth';
import { requestContext } from '@app/common';
import { WebchatVisitorsService } from '@app/inbox';
import { WIDGET_DIST } from '../static-files.js';
import { renderDemoPage } from './demo-page.js';

/** GET /demo: the web-chat widget on a page of its own, for the first enabled web-chat inbox. */
@ApiExcludeController()
@Public()
@Controller('demo')
export class DemoPageController {
  constructor(private readonly webchat: WebchatVisitorsService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async page(@Req() req: Request): Promise<string> {
    return renderDemoPage({
      locale: requestContext.locale(),
      origin: `${req.protocol}://${req.get('host')}`,
      widgetBuilt: existsSync(join(WIDGET_DIST, 'widget.js')),
      widget: await this.webchat.firstEnabledWidget(),
    });
  }
}
