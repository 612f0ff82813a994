export { DocumentsModule } from './documents.module.js';
export type { DocumentsModuleOptions } from './documents.tokens.js';
export { amountInWords } from './render/amount-in-words.js';
