/** An error answer of the API: {statusCode, code, message, errors?, requestId}, or a network failure (status 0). */
export interface FieldError {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  errors?: FieldError[];
  requestId?: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody, fallbackMessage: string) {
    super(typeof body.message === 'string' && body.message ? body.message : fallbackMessage);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network_error' : 'unknown_error');
    this.body = body;
  }

  get fieldErrors(): FieldError[] {
    return Array.isArray(this.body.errors) ? this.body.errors : [];
  }

  /** The session is gone: the token expired, was revoked, or was never valid. */
  get isSessionLost(): boolean {
    return this.status === 401 && this.code !== 'invalid_credentials' && this.code !== 'account_disabled';
  }
}
