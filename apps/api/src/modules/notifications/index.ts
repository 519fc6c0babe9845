export { notificationsModule } from './notifications.module.js';
export { notify, type NotifyEvent } from './notify.js';
