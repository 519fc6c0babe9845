export * from './schema/index.js';
export * from './client.js';
export * from './prepared.js';
export { schema };
import * as schema from './schema/index.js';
