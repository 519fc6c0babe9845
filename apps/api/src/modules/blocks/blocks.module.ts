import type { ModuleManifest } from '../../platform/module.js';
import { blockRoutes } from './blocks.routes.js';

export const blocksModule: ModuleManifest = { name: 'blocks', routes: () => blockRoutes };
