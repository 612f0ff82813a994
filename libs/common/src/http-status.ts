import { ErrorCode } from './domain.exception.js';

/** The one mapping from domain error codes to HTTP statuses; the switch is exhaustive by type. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.MalformedJson:
    case ErrorCode.InvalidPhone:
    case ErrorCode.StageNotInPipeline:
    case ErrorCode.MergeSameContact:
    case ErrorCode.InvalidSettings:
    case ErrorCode.InboxTypeImmutable:
    case ErrorCode.NoRotatableSecret:
    case ErrorCode.WrongCurrentPassword:
    case ErrorCode.WebhookPayloadInvalid:
    case ErrorCode.AssigneeNotInInbox:
    case ErrorCode.InvalidSnooze:
    case ErrorCode.UnsafePattern:
    case ErrorCode.TemplateNotForInbox:
    case ErrorCode.ChannelConfigInvalid:
    case ErrorCode.SlaPolicyEmpty:
    case ErrorCode.ReportPeriodInvalid:
    case ErrorCode.UnknownTemplateVariables:
      return 400;
    case ErrorCode.Unauthorized:
    case ErrorCode.TokenExpired:
    case ErrorCode.InvalidCredentials:
    case ErrorCode.WebhookSignatureInvalid:
      return 401;
    case ErrorCode.AccountDisabled:
    case ErrorCode.Forbidden:
    case ErrorCode.InboxForbidden:
    case ErrorCode.WidgetOriginNotAllowed:
      return 403;
    case ErrorCode.NotFound:
    case ErrorCode.RouteNotFound:
    case ErrorCode.InboxDisabled:
    case ErrorCode.WebhooksNotSupported:
    case ErrorCode.WidgetNotFound:
      return 404;
    case ErrorCode.Conflict:
    case ErrorCode.CampaignTransitionInvalid:
    case ErrorCode.DuplicateContact:
    case ErrorCode.DuplicateEmail:
    case ErrorCode.DuplicateName:
    case ErrorCode.PipelineHasDeals:
    case ErrorCode.StageHasDeals:
    case ErrorCode.LastAdmin:
    case ErrorCode.MessageNotRetryable:
    case ErrorCode.DuplicateBlacklistEntry:
    case ErrorCode.DuplicateShortCode:
    case ErrorCode.DuplicateSku:
    case ErrorCode.DuplicateSlug:
    case ErrorCode.BotFlowNotPublished:
    case ErrorCode.BotSessionRunning:
    case ErrorCode.TicketExists:
    case ErrorCode.PublicUrlRequired:
    case ErrorCode.AssignmentPolicyExists:
    case ErrorCode.DuplicatePhoneExtension:
      return 409;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.ChannelUnavailable:
      return 503;
    case ErrorCode.Internal:
      return 500;
    case ErrorCode.RecordingUnavailable:
      return 502;
    default: {
      const unhandled: never = code;
      throw new Error(`No HTTP status for error code ${String(unhandled)}`);
    }
  }
}
