export { industriesModule } from './industries.module.js';
export { industryExists } from './industries.service.js';
