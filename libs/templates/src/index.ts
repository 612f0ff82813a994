export { TemplatesModule } from './templates.module.js';
export { TemplatesService, type RenderedTemplate, type TemplateView } from './templates.service.js';
export type { TemplateSubject } from './template-context.service.js';
export { renderTemplate, variablesOf, isKnownVariable, TEMPLATE_VARIABLES } from './template-renderer.js';
