/**
 * A file field (`x-binary`): a file picker whose file goes in the JSON input as `{ base64, name, type }` (read as a
 * data URL, which the connector takes). The host takes up to 512 KiB this way and names the field above it;
 * larger files go as multipart/form-data (README, Files) or through the CLI's `--file`.
 */
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { FieldFrame } from './field-frame.js';

export function FileField(props: FieldProps) {
  const { formData, onChange, schema, fieldPathId, name, required, disabled, readonly, rawErrors } = props;
  const [problem, setProblem] = useState<string>();
  const binary = schema['x-binary'] as { accept?: string[] } | undefined;

  const pick = (file: File | undefined) => {
    setProblem(undefined);
    if (!file) {
      onChange(undefined, fieldPathId.path);
      return;
    }
    const reader = new FileReader();
    reader.onload = () =>
      onChange(
        { base64: String(reader.result), name: file.name, ...(file.type ? { type: file.type } : {}) },
        fieldPathId.path,
      );
    reader.onerror = () => setProblem('The file could not be read.');
    reader.readAsDataURL(file);
  };

  const id = fieldPathId.$id;
  const title = typeof schema.title === 'string' ? schema.title : name;
  const chosen = (formData as { name?: string } | undefined)?.name;
  const errors = [...(problem ? [problem] : []), ...(rawErrors ?? [])];
  return (
    <FieldFrame
      id={id}
      className="field-file"
      title={title}
      required={required}
      description={schema.description}
      errors={errors}
    >
      <input
        id={id}
        type="file"
        className="form-control"
        disabled={disabled || readonly}
        {...(binary?.accept ? { accept: binary.accept.join(',') } : {})}
        onChange={(event) => pick(event.target.files?.[0])}
      />
      {chosen ? <p className="muted">{chosen}</p> : null}
    </FieldFrame>
  );
}
