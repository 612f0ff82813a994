import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { WebhookRequest } from '@channel-adapters/core';
import { Public } from '@app/auth';
import type { RawBodyRequest } from '@app/common';
import { IngestionService, type WebhookAnswer } from './ingestion.service.js';

function toWebhookRequest(req: RawBodyRequest): WebhookRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query ?? {})) if (typeof value === 'string') query[name] = value;
  return { method: req.method, headers, query, rawBody: req.rawBody ?? Buffer.alloc(0), body: req.body, receivedAt: new Date() };
}

/**
 * POST /webhooks/:inboxId is the one webhook route for every channel: the inbox's type picks the
 * adapter, which checks the channel's own signature. It answers 2xx only once everything is stored.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post(':inboxId')
  @HttpCode(200)
  async receive(@Param('inboxId') inboxId: string, @Req() req: RawBodyRequest, @Res() res: Response) {
    this.answer(res, await this.ingestion.receiveWebhook(inboxId, toWebhookRequest(req)));
  }

  /** Some channels check the endpoint with a GET (an echo or confirmation) before sending events. */
  @Get(':inboxId')
  async check(@Param('inboxId') inboxId: string, @Req() req: RawBodyRequest, @Res() res: Response) {
    this.answer(res, await this.ingestion.receiveWebhook(inboxId, toWebhookRequest(req)));
  }

  private answer(res: Response, answer: WebhookAnswer) {
    res.status(answer.status);
    if (typeof answer.body === 'string') res.type(answer.contentType ?? 'text/plain').send(answer.body);
    else res.json(answer.body);
  }
}
