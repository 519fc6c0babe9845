export { arbitrationsModule } from './arbitrations.module.js';
export { arbitrationsEvents, type ArbitrationDecided } from './arbitrations.events.js';
export { countOpenArbitrations, openClaim } from './arbitrations.service.js';
