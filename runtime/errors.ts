/**
 * The one error class of the connector. Every failure that reaches an engine or the host's HTTP API is a
 * ConnectorError with a stable `code`, an HTTP-like `status`, a human message and `details`.
 */
export const ERROR_STATUS = {
  invalid_input: 400,
  unknown_operation: 404,
  unauthorized: 401,
  reauthorization_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  daily_limit_reached: 429,
  upstream_error: 502,
  timeout: 504,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorIssue {
  /** Dotted path of the offending field, e.g. `emails.0.value`; empty for the whole input. */
  path: string;
  message: string;
}

export type ErrorDetails = Record<string, unknown> & { issues?: ErrorIssue[] };

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
