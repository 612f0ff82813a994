export { CrmModule } from './crm.module.js';
