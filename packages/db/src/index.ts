export * from './schema/index.js';
export * from './client.js';
export * from './prepared.js';
export * from './read-cache.js';
export * from './backup.js';
export { schema };
import * as schema from './schema/index.js';
