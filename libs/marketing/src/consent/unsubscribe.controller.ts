import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth';
import { requestContext } from '@app/common';
import type { Locale } from '@app/i18n';
import { localeOfContact } from '../locale.util.js';
import { ConsentService } from './consent.service.js';
import { unsubscribePage, type UnsubscribePageState } from './unsubscribe-page.js';

const STATUS: Record<UnsubscribePageState, number> = { confirm: 200, done: 200, invalid: 400, unknown: 404 };

/** The unsubscribe link of marketing messages: no sign-in, the signed token names the contact. */
@ApiTags('consent')
@Public()
@Controller('public/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly consent: ConsentService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The unsubscribe page of a signed link: asks to confirm (HTML); 400 for a forged or broken link, 404 when the contact is gone.' })
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const contact = await this.contactOf(token);
    const state: UnsubscribePageState = contact.state ?? (contact.optedOut ? 'done' : 'confirm');
    this.render(res, state, contact.locale, token);
  }

  @Post(':token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Opts the contact of a signed link out of marketing messages (the page\'s button, or RFC 8058 one-click List-Unsubscribe=One-Click); answers HTML.' })
  async unsubscribe(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const contact = await this.contactOf(token);
    if (contact.state) return this.render(res, contact.state, contact.locale, token);
    await this.consent.change(contact.id, { source: 'link' });
    this.render(res, 'done', contact.locale, token);
  }

  private async contactOf(token: string): Promise<{ id: string; optedOut: boolean; locale: Locale; state?: 'invalid' | 'unknown' }> {
    const asked = requestContext.locale();
    const id = this.consent.contactOfToken(token);
    if (!id) return { id: '', optedOut: false, locale: asked, state: 'invalid' };
    const contact = await this.consent.find(id);
    if (!contact) return { id, optedOut: false, locale: asked, state: 'unknown' };
    return { id, optedOut: contact.optedOutAt !== null, locale: localeOfContact(contact.locale, asked) };
  }

  private render(res: Response, state: UnsubscribePageState, locale: Locale, token: string): void {
    res
      .status(STATUS[state])
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(unsubscribePage(state, locale, `/api/public/unsubscribe/${encodeURIComponent(token)}`));
  }
}
