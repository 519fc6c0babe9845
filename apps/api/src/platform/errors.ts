import type { MessageCode } from '@wutong/contracts';

/**
 * An expected refusal: a status, a machine code and, where a field is at fault, the fields. A
 * refusal that passes with time (429, 503) says when to try again: the `Retry-After` header.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly params: Record<string, string | number> = {},
    readonly fields?: Record<string, MessageCode | string>,
    /** what the caller can act on besides the message (e.g. the id of the record that already exists) */
    readonly extra?: { existingId?: number },
    /** a refusal that passes: the client may retry after this many seconds (Retry-After) */
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const conflict = (code: MessageCode, params: Record<string, string | number> = {}, fields?: Record<string, MessageCode>) =>
  new AppError(409, code, params, fields);
export const invalid = (fields: Record<string, MessageCode | string>) => new AppError(400, 'validation_failed', {}, fields);
