/** The frame of a field of our own (JSON text, file): its label, description, control and errors, as rjsf's. */
import type { ReactNode } from 'react';

export function FieldFrame(props: {
  id: string;
  className: string;
  title: string;
  required?: boolean;
  description?: unknown;
  errors: string[];
  children: ReactNode;
}) {
  return (
    <div className={`form-group field ${props.className}`}>
      <label className="control-label" htmlFor={props.id}>
        {props.title}
        {props.required ? <span className="required">*</span> : null}
      </label>
      {props.description ? <div className="field-description">{String(props.description)}</div> : null}
      {props.children}
      {props.errors.length > 0 ? (
        <ul className="error-detail">
          {props.errors.map((error) => (
            <li key={error} className="text-danger">
              {error}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
