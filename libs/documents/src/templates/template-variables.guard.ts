import { DomainException, ErrorCode, requestContext } from '@app/common';
import { t } from '@app/i18n';
import { unknownVariables } from '../render/template-engine.js';

/** Refuses a template that prints variables nobody fills, naming them, so a typo is caught on save and not on an invoice. */
export function assertKnownVariables(html: string): void {
  const unknown = unknownVariables(html);
  if (!unknown.length) return;
  const names = unknown.map((name) => `{{${name}}}`).join(', ');
  throw new DomainException(ErrorCode.UnknownTemplateVariables, {
    params: { names },
    details: { unknownVariables: unknown },
    errors: [{ field: 'html', message: t('errors.unknown_template_variables', { names }, requestContext.locale()) }],
  });
}
