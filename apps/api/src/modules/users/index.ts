export { usersModule } from './users.module.js';
export { usersEvents } from './users.events.js';
export { findByUsername, passwordHashOf, recordSignIn, setLang, setOwnPasswordHash } from './users.repository.js';
