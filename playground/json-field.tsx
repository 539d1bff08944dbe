/**
 * A free-form object (`custom_fields` without a connection, `api_request`'s `query` and `body`) edited as
 * JSON text: rjsf's key/value editor cannot say what a value's type is.
 */
import type { FieldProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { FieldFrame } from './field-frame.js';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

export function JsonField(props: FieldProps) {
  const { formData, onChange, schema, fieldPathId, name, required, disabled, readonly, rawErrors } = props;
  const [text, setText] = useState(show(formData));
  const [problem, setProblem] = useState<string>();
  const emitted = useRef<unknown>(formData);

  useEffect(() => {
    if (Object.is(formData, emitted.current)) return;
    emitted.current = formData;
    setText(show(formData));
    setProblem(undefined);
  }, [formData]);

  const edit = (next: string) => {
    setText(next);
    let value: unknown;
    if (next.trim() !== '') {
      try {
        value = JSON.parse(next);
      } catch {
        setProblem('Not valid JSON yet.');
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        setProblem('Write a JSON object: { "key": value }.');
        return;
      }
    }
    setProblem(undefined);
    emitted.current = value;
    onChange(value, fieldPathId.path);
  };

  const id = fieldPathId.$id;
  const title = typeof schema.title === 'string' ? schema.title : name;
  const errors = [...(problem ? [problem] : []), ...(rawErrors ?? [])];
  return (
    <FieldFrame
      id={id}
      className="field-json"
      title={title}
      required={required}
      description={schema.description}
      errors={errors}
    >
      <textarea
        id={id}
        className="form-control json-input"
        rows={4}
        spellCheck={false}
        value={text}
        disabled={disabled || readonly}
        placeholder="{ }"
        onChange={(event) => edit(event.target.value)}
      />
    </FieldFrame>
  );
}
