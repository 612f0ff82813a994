import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isConnectionError } from '@app/db';
import type { Logger } from 'pino';
import { DomainException, ErrorCode } from './domain.exception.js';
import { errorBody } from './error-response.js';

interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
  headersSent?: boolean;
}

/** Translates anything thrown into a domain exception; unknown errors are logged and answered without details. */
export function toDomainException(exception: unknown, request?: { method?: string; url?: string }): DomainException {
  if (exception instanceof DomainException) return exception;
  if (isConnectionError(exception)) return new DomainException(ErrorCode.ServiceUnavailable);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) {
      return new DomainException(ErrorCode.RouteNotFound, {
        params: { method: request?.method ?? '', path: request?.url?.split('?')[0] ?? '' },
      });
    }
    if (status === 401) return new DomainException(ErrorCode.Unauthorized);
    if (status === 403) return new DomainException(ErrorCode.Forbidden);
    if (status === 413) return new DomainException(ErrorCode.PayloadTooLarge, { params: { limit: '' } });
    if (status === 400) {
      const response = exception.getResponse() as { message?: string | string[] };
      const messages = Array.isArray(response?.message) ? response.message : [String(response?.message ?? '')];
      return new DomainException(ErrorCode.ValidationFailed, { errors: messages.map((m) => ({ field: '', message: m })) });
    }
  }
  return new DomainException(ErrorCode.Internal);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const response = http.getResponse<HttpResponse>();
    const request = http.getRequest<{ method?: string; url?: string }>();
    const domain = toDomainException(exception, request);
    if (domain.code === ErrorCode.Internal) {
      this.logger.error({ err: exception, method: request?.method, url: request?.url }, 'Unhandled error');
    } else if (domain.code === ErrorCode.ServiceUnavailable) {
      this.logger.warn({ err: exception }, 'Database unavailable');
    }
    if (response.headersSent) return;
    const body = errorBody(domain);
    if (body.retryAfter !== undefined) response.setHeader('Retry-After', String(body.retryAfter));
    if (domain.code === ErrorCode.ServiceUnavailable) response.setHeader('Retry-After', '5');
    response.status(body.statusCode).json(body);
  }
}
