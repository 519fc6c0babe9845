export { enterprisesModule } from './enterprises.module.js';
export { enterprisesEvents } from './enterprises.events.js';
export { findByName, findByUscc, findInRegion, recordRegistration, registerForLead } from './enterprises.service.js';
export { nameFields, normaliseName } from './names.js';
