import { Injectable, StandardSchemaValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { z } from 'zod';
import { DomainException, ErrorCode } from './domain.exception.js';
import { requestContext } from './request-context.js';

const localeErrors = { ru: z.locales.ru().localeError, en: z.locales.en().localeError };

interface ZodLike {
  safeParseAsync(value: unknown, params?: { error?: unknown }): Promise<{ success: boolean; data?: unknown; error?: { issues: StandardSchemaV1.Issue[] } }>;
}
const isZod = (schema: unknown): schema is ZodLike => typeof (schema as ZodLike)?.safeParseAsync === 'function';

function issuePath(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.');
}

/**
 * Validates @Body/@Query/@Param arguments that declare a `schema`. Every bad field is reported at once,
 * with messages in the request's language (400 validation_failed).
 */
@Injectable()
export class SchemaValidationPipe extends StandardSchemaValidationPipe {
  constructor() {
    super({
      exceptionFactory: (issues) =>
        new DomainException(ErrorCode.ValidationFailed, {
          errors: issues.map((issue) => ({ field: issuePath(issue), message: issue.message })),
        }),
    });
  }

  override transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    return super.transform(value, metadata);
  }

  protected override async validate<T = unknown>(value: unknown, schema: StandardSchemaV1): Promise<StandardSchemaV1.Result<T>> {
    if (!isZod(schema)) return super.validate<T>(value, schema) as Promise<StandardSchemaV1.Result<T>>;
    const result = await schema.safeParseAsync(value, { error: localeErrors[requestContext.locale()] });
    return result.success ? { value: result.data as T } : { issues: result.error!.issues };
  }
}
