export { tripsModule } from './trips.module.js';
