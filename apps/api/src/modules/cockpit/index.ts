export { cockpitModule } from './cockpit.module.js';
