import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { mapApiErrorToFields, type FormErrors } from '../api/field-errors.js';

const NONE: FormErrors = { fields: {}, form: null };

/** The server's field errors of the last failed save, placed next to the form's fields. */
export function useFormErrors(fields: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) setErrors(mapApiErrorToFields(error.body, fields, error.message));
      else setErrors({ fields: {}, form: String(error) });
    },
    [fields.join()],
  );
  const clear = useCallback(() => setErrors(NONE), []);
  return { errors, fail, clear };
}
