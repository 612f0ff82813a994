export { TicketsModule } from './tickets.module.js';
