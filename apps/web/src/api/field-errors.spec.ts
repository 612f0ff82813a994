import { describe, expect, it } from 'vitest';
import { mapApiErrorToFields } from './field-errors.js';

const contactFields = ['name', 'phones', 'emails', 'tags'] as const;

describe('mapApiErrorToFields', () => {
  it('places a validation error on the list field when the path has an index', () => {
    const body = { statusCode: 400, code: 'validation_failed', message: 'Some fields are invalid', errors: [{ field: 'emails.0', message: 'Invalid email address' }] };
    expect(mapApiErrorToFields(body, contactFields, body.message)).toEqual({ fields: { emails: 'Invalid email address' }, form: null });
  });

  it('places an invalid phone on the phones field when the server names no field', () => {
    const body = { statusCode: 400, code: 'invalid_phone', message: 'Not a valid phone number: "abc".', value: 'abc' };
    expect(mapApiErrorToFields(body, contactFields, body.message)).toEqual({ fields: { phones: body.message }, form: null });
  });

  it('places a duplicate contact on the field named in its details (singular to plural)', () => {
    const body = { statusCode: 409, code: 'duplicate_contact', message: 'A contact with this e-mail already exists', field: 'email', existingId: 'x' };
    expect(mapApiErrorToFields(body, contactFields, body.message).fields).toEqual({ emails: body.message });
  });

  it('keeps the first message per field and sends unknown fields to the form', () => {
    const body = {
      code: 'validation_failed',
      message: 'Some fields are invalid.',
      errors: [
        { field: 'name', message: 'Too short' },
        { field: 'name', message: 'Second' },
        { field: 'customFields.x', message: 'Bad' },
      ],
    };
    expect(mapApiErrorToFields(body, contactFields, body.message)).toEqual({ fields: { name: 'Too short' }, form: 'Some fields are invalid. Bad' });
  });

  it('shows an error about no field above the form', () => {
    const body = { statusCode: 503, code: 'service_unavailable', message: 'Try again in a few seconds.' };
    expect(mapApiErrorToFields(body, contactFields, body.message)).toEqual({ fields: {}, form: 'Try again in a few seconds.' });
  });

  it('places a domain error next to the field its details name', () => {
    const body = { statusCode: 409, code: 'duplicate_short_code', message: 'The short code /greet is taken.', field: 'shortCode' };
    expect(mapApiErrorToFields(body, ['shortCode', 'name'], body.message)).toEqual({ fields: { shortCode: 'The short code /greet is taken.' }, form: null });
  });
});
