export { auditModule } from './audit.module.js';
export { countUserActions } from './audit.service.js';
