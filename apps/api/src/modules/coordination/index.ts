// Coordination items (协调事项 / 要素保障): raised from projects, escalated, assigned, closed.
export { coordinationModule } from './coordination.module.js';
export { listOverdueItems } from './coordination.service.js';
export { applyEvent, type ItemEvent, type ItemState } from './state.js';
export { stateColumns } from './coordination.repository.js';
