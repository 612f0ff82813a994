import type { MessageKey, MessageParams } from '@app/i18n';

/** Every failure the product reports; the HTTP status of each is decided in one place (http-status.ts). */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  CampaignTransitionInvalid = 'campaign_transition_invalid',
  MalformedJson = 'malformed_json',
  PayloadTooLarge = 'payload_too_large',
  Unauthorized = 'unauthorized',
  TokenExpired = 'token_expired',
  InvalidCredentials = 'invalid_credentials',
  AccountDisabled = 'account_disabled',
  Forbidden = 'forbidden',
  InboxForbidden = 'inbox_forbidden',
  NotFound = 'not_found',
  RouteNotFound = 'route_not_found',
  Conflict = 'conflict',
  DuplicateContact = 'duplicate_contact',
  DuplicateEmail = 'duplicate_email',
  DuplicateName = 'duplicate_name',
  RateLimited = 'rate_limited',
  ServiceUnavailable = 'service_unavailable',
  Internal = 'internal_error',
  InvalidPhone = 'invalid_phone',
  StageNotInPipeline = 'stage_not_in_pipeline',
  PipelineHasDeals = 'pipeline_has_deals',
  StageHasDeals = 'stage_has_deals',
  MergeSameContact = 'merge_same_contact',
  LastAdmin = 'last_admin',
  InvalidSettings = 'invalid_settings',
  InboxTypeImmutable = 'inbox_type_immutable',
  NoRotatableSecret = 'no_rotatable_secret',
  WrongCurrentPassword = 'wrong_current_password',
  WebhookSignatureInvalid = 'webhook_signature_invalid',
  WebhookPayloadInvalid = 'webhook_payload_invalid',
  InboxDisabled = 'inbox_disabled',
  AssigneeNotInInbox = 'assignee_not_in_inbox',
  InvalidSnooze = 'invalid_snooze',
  DuplicateBlacklistEntry = 'duplicate_blacklist_entry',
  DuplicateShortCode = 'duplicate_short_code',
  AssignmentPolicyExists = 'assignment_policy_exists',
  UnsafePattern = 'unsafe_pattern',
  TemplateNotForInbox = 'template_not_for_inbox',
  MessageNotRetryable = 'message_not_retryable',
  ChannelUnavailable = 'channel_unavailable',
  ChannelConfigInvalid = 'channel_config_invalid',
  WebhooksNotSupported = 'webhooks_not_supported',
  WidgetNotFound = 'widget_not_found',
  WidgetOriginNotAllowed = 'widget_origin_not_allowed',
  DuplicatePhoneExtension = 'duplicate_phone_extension',
  RecordingUnavailable = 'recording_unavailable',
  SlaPolicyEmpty = 'sla_policy_empty',
  ReportPeriodInvalid = 'report_period_invalid',
  DuplicateSku = 'duplicate_sku',
  DuplicateSlug = 'duplicate_slug',
  BotFlowNotPublished = 'bot_flow_not_published',
  BotSessionRunning = 'bot_session_running',
  TicketExists = 'ticket_exists',
  UnknownTemplateVariables = 'unknown_template_variables',
  PublicUrlRequired = 'public_url_required',
}

export interface FieldError {
  field: string;
  message: string;
}

export interface DomainExceptionOptions {
  /** Values for the message's placeholders. */
  params?: MessageParams;
  /** Extra fields returned to the client as they are (e.g. existingId for a duplicate). */
  details?: Record<string, unknown>;
  /** Per-field problems, for validation errors. */
  errors?: FieldError[];
  /** Seconds the client should wait (rate limits). */
  retryAfter?: number;
}

export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: DomainExceptionOptions = {},
  ) {
    super(code);
    this.name = 'DomainException';
  }

  get messageKey(): MessageKey {
    return `errors.${this.code}` as MessageKey;
  }
}

export const notFound = (entity: MessageKey, id: string) =>
  new DomainException(ErrorCode.NotFound, { params: { entity, id }, details: { entity: entity.replace('entity.', ''), id } });
