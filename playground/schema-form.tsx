/** An input form rendered by @rjsf/core from a connector input schema (see schema.ts for the adaptation). */
import Form from '@rjsf/core';
import type {
  DescriptionFieldProps,
  ErrorSchema,
  RegistryFieldsType,
  RegistryWidgetsType,
  TemplatesType,
} from '@rjsf/utils';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { FileField } from './file-field.js';
import { FormEnv } from './form-env.js';
import { InlineText } from './inline-text.js';
import { JsonField } from './json-field.js';
import { LookupWidget } from './lookup-widget.js';
import { humanErrors } from './messages.js';
import { type Outcome, timed } from './result.js';
import { compact, formKey, type JsonSchema, toForm } from './schema.js';
import { validator } from './validator.js';

export type FormData = Record<string, unknown>;

const widgets: RegistryWidgetsType = { lookup: LookupWidget };
const fields: RegistryFieldsType = { json: JsonField, file: FileField };

/** A field's description with its `code` spans as code (the manifest's descriptions use them). */
function DescriptionField({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <div id={id} className="field-description">
      {typeof description === 'string' ? <InlineText text={description} /> : description}
    </div>
  );
}
const templates: Partial<TemplatesType> = { DescriptionFieldTemplate: DescriptionField };

/**
 * Defaults only where the schema has one: no empty list items for `minItems`, no empty objects, and not the
 * first option of a labelled enum (`oneOf` of consts), which rjsf would otherwise fill in and send.
 */
const defaultsBehavior = {
  arrayMinItems: { populate: 'requiredOnly' },
  emptyObjectFields: 'skipEmptyDefaults',
  constAsDefaults: 'skipOneOf',
} as const;

interface Issue {
  path?: string | (string | number)[];
  message?: string;
}

/** The host's `invalid_input` issues as rjsf field errors (in the form's names), so that each shows beside its field. */
export function issuesToErrors(details: unknown): ErrorSchema | undefined {
  const issues = (details as { issues?: Issue[] } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    const path = Array.isArray(issue.path) ? issue.path.map(String) : String(issue.path ?? '').split('.');
    let node = root;
    for (const key of path.filter(Boolean).map(formKey)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), issue.message ?? 'is not valid'];
  }
  return root as ErrorSchema;
}

/**
 * The form, with its actions: submit (`submitLabel`, enabled with a connection), "Check" (validate in the page,
 * without sending anything), and the caller's own buttons (`children`).
 */
export function SchemaForm(props: {
  id: string;
  schema: JsonSchema;
  formData: FormData;
  connectionId?: string;
  extraErrors?: ErrorSchema;
  submitLabel: string;
  onChange(formData: FormData): void;
  onSubmit(input: FormData): void;
  children?: ReactNode;
}) {
  const spec = useMemo(() => toForm(props.schema), [props.schema]);
  const transformErrors = useMemo(() => humanErrors(spec.schema as JsonSchema), [spec]);
  const form = useRef<Form>(null);
  const [checked, setChecked] = useState<boolean>();
  const env = useMemo(
    () => ({ connectionId: props.connectionId, formData: props.formData }),
    [props.connectionId, props.formData],
  );
  return (
    <FormEnv.Provider value={env}>
      <Form
        idPrefix={props.id}
        schema={spec.schema}
        uiSchema={spec.uiSchema}
        validator={validator}
        widgets={widgets}
        fields={fields}
        templates={templates}
        transformErrors={transformErrors}
        formData={props.formData}
        extraErrors={props.extraErrors}
        experimental_defaultFormStateBehavior={defaultsBehavior}
        showErrorList="top"
        noHtml5Validate
        ref={form}
        // The errors are shown in the form; without a handler rjsf also logs them to the console.
        onError={() => undefined}
        onChange={(event) => {
          setChecked(undefined);
          props.onChange((event.formData ?? {}) as FormData);
        }}
        onSubmit={(event) => props.onSubmit(compact(event.formData ?? {}) as FormData)}
      >
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={!props.connectionId}>
            {props.submitLabel}
          </button>
          <button type="button" className="btn" onClick={() => setChecked(form.current?.validateForm())}>
            Check
          </button>
          {props.children}
          {checked ? <span className="check-ok">✓ valid input</span> : null}
          {props.connectionId ? null : <span className="muted">Pick or create a connection first.</span>}
        </div>
      </Form>
    </FormEnv.Provider>
  );
}

/**
 * The state of a form that sends what it is filled with: its values, the outcome of the last call, and the
 * fields the host refused (`invalid_input` issues), cleared at the next change. Spread `form` on SchemaForm.
 */
export function useFormCall() {
  const [formData, setFormData] = useState<FormData>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const send = async (call: () => Promise<unknown>) => {
    setOutcome({ state: 'pending' });
    setExtraErrors(undefined);
    const result = await timed(call);
    setOutcome(result);
    if (result.state === 'error') setExtraErrors(issuesToErrors(result.error.details));
    return result;
  };
  const form = {
    formData,
    extraErrors,
    onChange(data: FormData) {
      setFormData(data);
      setExtraErrors(undefined);
    },
  };
  return { form, setFormData, outcome, send };
}
