export { orgModule } from './org.module.js';
export { allRegions, getUnit } from './org.service.js';
