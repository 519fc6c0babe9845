export { workbenchModule } from './workbench.module.js';
