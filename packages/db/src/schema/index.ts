export * from './org.js';
export * from './users.js';
export * from './audit.js';
