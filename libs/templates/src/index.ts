/** @tripline/templates: LiquidJS with limits, the only way text that users write becomes output. */
export { renderTemplate, type RenderTemplateOptions } from './render-template';
export { renderInput, type RenderInputOptions } from './render-input';
export { checkTemplate, checkInputTemplates, type TemplateProblem, type InputTemplateProblem } from './check-template';
export { TemplateError, type TemplateFailure } from './template-error';
export type { OutputEscape } from './engine';
export { DEFAULT_TEMPLATE_LIMITS, type TemplateLimits } from './limits';
