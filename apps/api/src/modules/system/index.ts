export { systemModule } from './system.module.js';
