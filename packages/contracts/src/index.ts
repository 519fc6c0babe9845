export * from './common.js';
export * from './org.js';
export * from './users.js';
export * from './audit.js';
export * from './enterprises.js';
export * from './stages.js';
export * from './projects.js';
export * from './assessment.js';
