import type { ModuleManifest } from '../../platform/module.js';
import { userRoutes } from './users.routes.js';

export const usersModule: ModuleManifest = { name: 'users', routes: () => userRoutes };
