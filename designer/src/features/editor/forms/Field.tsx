import { useId, type ReactNode } from 'react';

export interface FieldIds {
  id: string;
  /** Ids of the description and error, for aria-describedby. */
  describedBy: string | undefined;
  invalid: boolean;
}

export interface FieldProps {
  label: string;
  required?: boolean;
  description?: string | undefined;
  /** What is wrong with the value, shown under the control. */
  error?: string | undefined;
  /** A quiet note after the control (e.g. "2 days"). */
  note?: ReactNode;
  className?: string;
  children: (ids: FieldIds) => ReactNode;
}

/**
 * One labelled control: the label (required ones marked with *), the control, its description and
 * what is wrong with it. The control gets the ids to connect itself (htmlFor, aria-describedby).
 */
export function Field({ label, required = false, description, error, note, className, children }: FieldProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true" title="required">
            {' '}
            *
          </span>
        )}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {note !== undefined && note !== null && note !== '' && <span className="field-note">{note}</span>}
      {description && (
        <span className="field-description" id={descriptionId}>
          {description}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
