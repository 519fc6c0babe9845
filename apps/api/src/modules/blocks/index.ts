export { blocksModule } from './blocks.module.js';
export { keyBlockInRegion, keyBlockNames } from './blocks.service.js';
