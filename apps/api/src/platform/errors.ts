import type { MessageCode } from './messages.js';

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
