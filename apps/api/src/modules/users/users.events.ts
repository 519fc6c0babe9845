import { defineEvent } from '../../platform/events.js';
import type { RequestContext } from '../../platform/context.js';

export const usersEvents = {
  /** A user was deactivated or given a new password by an administrator: their sign-ins end. */
  credentialsRevoked: defineEvent<{ userId: number }, RequestContext>('users.credentials_revoked'),
};
