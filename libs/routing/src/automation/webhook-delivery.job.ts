import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { assertPublicHttpUrl, UrlNotAllowedError } from '@channel-adapters/core';
import { SecretBox } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { AutomationWebhookDelivery } from '@app/db';
import { InjectJobQueue, JobName, OnJob, PermanentJobError, RetryAfterError, type JobContext, type JobQueue } from '@app/queue';
import { ROUTING_OPTIONS, type RoutingModuleOptions } from '../routing.options.js';
import { AutomationRulesRepository } from './automation-rules.repository.js';
import { AUTOMATION_SECRET_BOX } from './automation.tokens.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature.js';

export interface AutomationWebhookJobData {
  deliveryId: string;
}

const TIMEOUT_MS = 10_000;
/** Statuses worth trying again; other 4xx answers mean the request itself is refused. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 409, 425, 429]);

/** POSTs one rule webhook, signed with the rule's secret and a fresh timestamp on every attempt. */
@Injectable()
export class WebhookDeliveryJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('AutomationWebhook');

  constructor(
    private readonly rules: AutomationRulesRepository,
    @Inject(AUTOMATION_SECRET_BOX) private readonly box: SecretBox,
    @InjectJobQueue() private readonly queue: JobQueue,
    @Inject(ROUTING_OPTIONS) private readonly options: RoutingModuleOptions,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'PRIVATE_URL_HOSTS'>,
  ) {}

  /** Deliveries still pending when a process stopped are queued again (the delivery id keeps them single). */
  async onApplicationBootstrap() {
    if (!this.options.runsJobs) return;
    for (const id of await this.rules.pendingDeliveries(500)) {
      await this.queue.add<AutomationWebhookJobData>(JobName.AutomationWebhook, { deliveryId: id }, { jobId: id }).catch(() => undefined);
    }
  }

  @OnJob(JobName.AutomationWebhook)
  async handle({ deliveryId }: AutomationWebhookJobData, ctx: JobContext): Promise<void> {
    const delivery = await this.rules.findDelivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const rule = await this.rules.findById(delivery.ruleId);
    if (!rule) return this.fail(delivery, ctx.attempt, 'The rule was deleted');
    try {
      // Checked at each attempt: a name that resolved to a public address yesterday may not today.
      await assertPublicHttpUrl(delivery.url, { privateHosts: this.config.PRIVATE_URL_HOSTS });
    } catch (error) {
      if (!(error instanceof UrlNotAllowedError)) throw error;
      const reason = `${error.reason}; list the host in PRIVATE_URL_HOSTS if it is your own system`;
      await this.fail(delivery, ctx.attempt, reason);
      throw new PermanentJobError(reason);
    }
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [SIGNATURE_HEADER]: webhookSignature(this.box.decrypt(rule.webhookSecret), timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [DELIVERY_HEADER]: delivery.id,
          [EVENT_HEADER]: String(delivery.payload.event ?? ''),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return this.retryOrFail(delivery, ctx, `The receiver could not be reached: ${(error as Error).message}`, null);
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) {
      await this.rules.updateDelivery(delivery.id, { status: 'delivered', attempts: ctx.attempt, responseStatus: response.status, lastError: null, deliveredAt: new Date() });
      return;
    }
    const reason = `The receiver answered HTTP ${response.status}`;
    if (response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_STATUSES.has(response.status)) {
      await this.fail(delivery, ctx.attempt, reason, response.status);
      throw new PermanentJobError(reason);
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status === 429 && retryAfter > 0) {
      await this.rules.updateDelivery(delivery.id, { attempts: ctx.attempt, responseStatus: 429, lastError: reason });
      throw new RetryAfterError(Math.min(retryAfter, 3600) * 1000);
    }
    return this.retryOrFail(delivery, ctx, reason, response.status);
  }

  private async retryOrFail(delivery: AutomationWebhookDelivery, ctx: JobContext, reason: string, status: number | null): Promise<void> {
    if (ctx.attempt >= ctx.maxAttempts) return this.fail(delivery, ctx.attempt, `${reason} (gave up after ${ctx.attempt} attempts)`, status);
    await this.rules.updateDelivery(delivery.id, { attempts: ctx.attempt, responseStatus: status, lastError: reason });
    this.logger.warn(`Webhook ${delivery.id} to ${delivery.url} failed (attempt ${ctx.attempt}/${ctx.maxAttempts}): ${reason}`);
    throw new Error(reason);
  }

  private async fail(delivery: AutomationWebhookDelivery, attempts: number, reason: string, status: number | null = null): Promise<void> {
    await this.rules.updateDelivery(delivery.id, { status: 'failed', attempts, responseStatus: status, lastError: reason });
  }
}
