import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { localeFromAcceptLanguage, isLocale, type Locale } from '@app/i18n';
import { DomainException, ErrorCode } from './domain.exception.js';
import { errorBody } from './error-response.js';
import { requestContext } from './request-context.js';

export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Gives each request a correlation id (X-Request-Id, taken from the client when sane) and a language. */
export function requestContextMiddleware(defaultLocale: Locale) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const queryLang = typeof req.query?.lang === 'string' ? req.query.lang : undefined;
    const locale = isLocale(queryLang) ? queryLang : localeFromAcceptLanguage(req.header('accept-language'), defaultLocale);
    res.setHeader('X-Request-Id', requestId);
    requestContext.run({ requestId, locale }, next);
  };
}

/**
 * JSON and form bodies with a size limit; the raw bytes are kept for webhook signature checks.
 * Parser failures are answered here, as JSON, before any route runs.
 */
export function bodyParsers(limit: string) {
  const keepRaw = (req: RawBodyRequest, _res: unknown, buf: Buffer) => {
    req.rawBody = buf;
  };
  return [
    express.json({ limit, verify: keepRaw, type: ['application/json', 'application/*+json'] }),
    express.urlencoded({ limit, extended: false, verify: keepRaw }),
    (error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (!error) return next();
      let exception: DomainException;
      if (error.type === 'entity.too.large') exception = new DomainException(ErrorCode.PayloadTooLarge, { params: { limit } });
      else if (error.type === 'entity.parse.failed') exception = new DomainException(ErrorCode.MalformedJson);
      else if (error.status && error.status >= 400 && error.status < 500)
        exception = new DomainException(ErrorCode.ValidationFailed, { errors: [{ field: 'body', message: String((error as Error).message) }] });
      else return next(error);
      const body = errorBody(exception);
      res.status(body.statusCode).json(body);
    },
  ];
}
