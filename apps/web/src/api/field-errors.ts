import type { ApiErrorBody } from './api-error.js';

export interface FormErrors {
  /** Messages to show next to each form field, by the form's field name. */
  fields: Record<string, string>;
  /** A message that belongs to no field on the form: show it above the form. */
  form: string | null;
}

/**
 * Turns an API error answer into messages next to form fields. Validation errors name their path
 * ("emails.0" belongs to the "emails" field); domain errors name it in their details (a duplicate
 * contact's `field: "phone"`, an invalid phone's code). Anything unplaced goes to the form.
 */
export function mapApiErrorToFields(body: ApiErrorBody, formFields: readonly string[], message: string): FormErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  const place = (path: string, text: string) => {
    const field = fieldForPath(path, formFields);
    if (field && !fields[field]) fields[field] = text;
    else if (!field) unplaced.push(text);
  };
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    for (const error of body.errors) place(String(error.field ?? ''), `${error.message}`);
    return { fields, form: unplaced.length ? `${message} ${unplaced.join('; ')}` : Object.keys(fields).length ? null : message };
  }
  const domainField = domainErrorField(body);
  if (domainField) place(domainField, message);
  else unplaced.push(message);
  return { fields, form: unplaced.length ? unplaced.join(' ') : null };
}

function fieldForPath(path: string, formFields: readonly string[]): string | null {
  const parts = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
  for (let i = parts.length; i > 0; i--) {
    const candidate = parts.slice(0, i).join('.');
    if (formFields.includes(candidate)) return candidate;
  }
  const [first] = parts;
  if (!first) return null;
  const plural = `${first}s`;
  return formFields.includes(plural) ? plural : null;
}

/** Domain errors that concern one field carry it in their details; a few codes imply it. */
function domainErrorField(body: ApiErrorBody): string | null {
  if (body.code === 'invalid_phone') return 'phones';
  if (body.code === 'duplicate_contact' && typeof body.field === 'string') return body.field;
  if (body.code === 'duplicate_email') return 'email';
  if (body.code === 'duplicate_name') return 'name';
  if (body.code === 'invalid_snooze') return 'snoozedUntil';
  if (body.code === 'stage_not_in_pipeline') return 'stageId';
  if (typeof body.field === 'string') return body.field;
  return null;
}
