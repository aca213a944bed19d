import { useDeferredValue, useMemo } from 'react';
import type { OutputEscape } from '@tripline/templates';
import { Field } from '../Field';
import { isTemplated, previewTemplate } from './preview';
import { SAMPLE_PROFILE } from './sample-profile';

export interface TemplateEditorProps {
  label: string;
  value: string | undefined;
  /** The text typed; an empty field reports undefined. */
  onChange: (value: string | undefined) => void;
  /** Context of the preview (default: the sample profile). */
  context?: object;
  /** 'html' for fields that are HTML (an email's body): `{{ }}` output is escaped as runs escape it. */
  escape?: OutputEscape;
  multiline?: boolean;
  required?: boolean;
  description?: string | undefined;
  /** A problem found elsewhere (live validation or the input schema). */
  problem?: string | undefined;
  readOnly?: boolean;
  placeholder?: string;
}

/**
 * A LiquidJS template field with a live preview rendered against the sample profile, with the
 * render limits of runs; a template that does not parse or render says why (line and column) under
 * the field. The preview is text: even HTML output is shown as its source, never as live markup.
 */
export function TemplateEditor({
  label,
  value,
  onChange,
  context = SAMPLE_PROFILE.context,
  escape = 'none',
  multiline = false,
  required,
  description,
  problem,
  readOnly,
  placeholder,
}: TemplateEditorProps) {
  const source = value ?? '';
  // Rendering waits for a pause in typing, so a slow template never holds up the keyboard.
  const deferred = useDeferredValue(source);
  const preview = useMemo(() => previewTemplate(deferred, context, escape), [deferred, context, escape]);
  const showPreview = multiline || isTemplated(source) || !preview.ok;
  // Liquid's own words, with line and column: "template could not be parsed: undefined filter: shout (line 1, column 4)".
  const error = preview.ok ? problem : preview.message;

  return (
    <Field label={label} required={required} description={description} error={error} className="template-field">
      {({ id, describedBy, invalid }) => (
        <>
          {multiline ? (
            <textarea
              id={id}
              className="template-input"
              rows={Math.min(10, Math.max(3, source.split('\n').length))}
              value={source}
              placeholder={placeholder}
              required={required}
              readOnly={readOnly}
              spellCheck
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
            />
          ) : (
            <input
              id={id}
              className="template-input"
              value={source}
              placeholder={placeholder}
              required={required}
              readOnly={readOnly}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
            />
          )}
          {showPreview && (
            <div className={`template-preview${preview.ok ? '' : ' failed'}`} role="region" aria-label={`Preview of ${label}`} aria-live="polite">
              <span className="template-preview-title">
                Preview{escape === 'html' ? ' (HTML source, values escaped)' : ''}
              </span>
              {preview.ok ? (
                <pre className="template-preview-text">{preview.text === '' ? '(empty)' : preview.text}</pre>
              ) : (
                <p className="template-preview-error" role="alert">
                  {preview.reason === 'limit'
                    ? 'No preview: the template hit a render limit (runs would fail the same way).'
                    : preview.reason === 'parse'
                      ? 'No preview until the template parses.'
                      : 'No preview: the template failed to render.'}
                </p>
              )}
            </div>
          )}
        </>
      )}
    </Field>
  );
}
