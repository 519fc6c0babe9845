export { enterprisesModule } from './enterprises.module.js';
export { enterprisesEvents } from './enterprises.events.js';
export { enterpriseForLead, findByName, findByUscc, findInRegion, lockForLead, matchEnterprises, mergeEnterprise, recordRegistration } from './enterprises.service.js';
export { nameFields, normaliseName } from './names.js';
