import { t } from '@app/i18n';
import { DomainException, ErrorCode } from './domain.exception.js';
import { httpStatusOf } from './http-status.js';
import { requestContext } from './request-context.js';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  retryAfter?: number;
  [detail: string]: unknown;
}

/** Renders a domain exception as the JSON body every error response has, in the request's language. */
export function errorBody(exception: DomainException): ErrorBody {
  const requestId = requestContext.requestId();
  const { params = {}, details = {}, errors, retryAfter } = exception.options;
  return {
    ...details,
    statusCode: httpStatusOf(exception.code),
    code: exception.code,
    message: t(exception.messageKey, { requestId, retryAfter, ...params }, requestContext.locale()),
    ...(errors ? { errors } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    requestId,
  };
}
