/** Every job the product runs; each queue is named after its job. */
export enum JobName {
  /** One step of a campaign: copy a page of its segment into recipients, or send the next paced batch. */
  CampaignDispatch = 'campaign-dispatch',
  DeliverMessage = 'deliver-message',
  WakeConversation = 'wake-conversation',
  /** Strict-order routing: the offered agent's time to answer is up. */
  RoutingOfferTimeout = 'routing-offer-timeout',
  /** An automation rule's outgoing webhook. */
  AutomationWebhook = 'automation-webhook',
  /** An SLA due time: warn before it, or record the breach when it passes unanswered. */
  SlaDue = 'sla-due',
  /** A bot session waited too long for the customer: it hands off or ends as its flow says. */
  BotSessionTimeout = 'bot-session-timeout',
  /** Start a bot flow in a conversation (an automation rule's action). */
  BotFlowStart = 'bot-flow-start',
  /** A ticket's due date: tell its assignee when it passes with the ticket still open. */
  TicketDue = 'ticket-due',
  /** The triggered-messages sweep of one time slot: finds due occurrences and sends them; schedules the next slot. */
  TriggersSweep = 'triggers-sweep',
}

export interface WakeConversationJobData {
  conversationId: string;
}

export interface DeliverMessageJobData {
  messageId: string;
}

export interface JobBackoff {
  type: 'exponential' | 'fixed';
  /** The first retry's delay; exponential doubles it on each further attempt. */
  delayMs: number;
}

export interface JobOptions {
  /** While a job with this id is waiting, delayed or running, adding it again adds nothing. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  backoff?: JobBackoff;
}

export interface JobContext {
  name: JobName;
  jobId: string;
  /** 1-based; a RetryAfterError does not count as an attempt. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<T> = (data: T, ctx: JobContext) => Promise<void>;

export interface ProcessOptions {
  /** How many jobs of this name run at once in this process. */
  concurrency?: number;
}

/** Anything with pino's `warn(fields, message)` shape. */
export interface JobQueueLogger {
  warn(fields: object, message: string): void;
}

/** Thrown by a handler that must wait (a channel's rate limit): the job runs again after delayMs without using up an attempt. */
export class RetryAfterError extends Error {
  constructor(
    readonly delayMs: number,
    message = `retry after ${delayMs} ms`,
  ) {
    super(message);
    this.name = 'RetryAfterError';
  }
}

/** Thrown by a handler when another attempt cannot succeed (invalid recipient, revoked token): the job is never retried. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/**
 * Carries ids only: the durable truth stays in PostgreSQL, so a lost job is re-enqueued from there.
 * Any error other than RetryAfterError and PermanentJobError is retried with backoff until attempts run out.
 */
export interface JobQueue {
  add<T>(name: JobName, data: T, options?: JobOptions): Promise<void>;
  /** Registers the handler; nothing runs before start(). */
  process<T>(name: JobName, handler: JobHandler<T>, options?: ProcessOptions): void;
  start(): Promise<void>;
  /** Waits (bounded) for running handlers, then stops. */
  close(): Promise<void>;
}
