import { listen } from '../../platform/events.js';
import type { ModuleManifest } from '../../platform/module.js';
import { usersEvents } from '../users/index.js';
import { authRoutes } from './auth.routes.js';
import { endAllSessions } from './auth.service.js';

export const authModule: ModuleManifest = {
  name: 'auth',
  routes: (config) => authRoutes(config),
  listeners: [listen(usersEvents.credentialsRevoked, 'auth: end the user’s sessions', (ctx, { userId }) => endAllSessions(ctx, userId))],
};
