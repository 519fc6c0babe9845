export { authModule } from './auth.module.js';
