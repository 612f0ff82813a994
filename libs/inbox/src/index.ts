export { InboxModule, type InboxModuleOptions } from './inbox.module.js';
