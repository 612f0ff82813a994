import { z } from 'zod';
import { DomainException, ErrorCode, requestContext, type FieldError } from '@app/common';
import { t, type Locale, type MessageKey } from '@app/i18n';
import { flowDocumentSchema, type FlowDocument } from '../bot-flow.contract.js';

const localeErrors = { ru: z.locales.ru().localeError, en: z.locales.en().localeError };

export type FlowCheck = { ok: true; document: FlowDocument } | { ok: false; errors: FieldError[] };

/** Validates a flow document; every problem with its path under `prefix`, said in the reader's language. */
export function checkFlowDocument(input: unknown, prefix = 'document', locale: Locale = requestContext.locale()): FlowCheck {
  const result = flowDocumentSchema.safeParse(input, { error: localeErrors[locale] });
  if (result.success) return { ok: true, document: result.data };
  const errors = result.error.issues.map((issue) => {
    const params = (issue as { params?: { key?: MessageKey; values?: Record<string, string> } }).params;
    const message = issue.code === 'custom' && params?.key ? t(params.key, params.values ?? {}, locale) : issue.message;
    return { field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message };
  });
  return { ok: false, errors };
}

export function requireFlowDocument(input: unknown, prefix = 'document'): FlowDocument {
  const check = checkFlowDocument(input, prefix);
  if (!check.ok) throw new DomainException(ErrorCode.ValidationFailed, { errors: check.errors });
  return check.document;
}
