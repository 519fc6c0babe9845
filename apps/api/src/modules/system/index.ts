// The running system: health, and the embedded database's nightly backup.
export { systemModule } from './system.module.js';
export { disableEmbeddedBackups, enableEmbeddedBackups } from './backup.jobs.js';
