export { schedulerModule } from './scheduler.module.js';
