export { KnowledgeModule } from './knowledge.module.js';
export { KnowledgeService } from './knowledge.service.js';
export { KnowledgeDemo } from './knowledge-demo.js';
export type * from './knowledge.contract.js';
