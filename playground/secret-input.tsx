/** A labelled input for a secret (an API key, a Pipedrive token): masked, never autofilled or remembered. */
export function SecretInput(props: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        autoComplete="off"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </>
  );
}
