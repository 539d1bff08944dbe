/**
 * n8n's conventions for node parameters, applied to the generated descriptions: what n8n's node linter
 * (eslint-plugin-n8n-nodes-base, `nodes` rule set, as n8n's community-package scanner runs it) asks of a hand-written
 * node. The manifest keeps its own wording (sentence case, full stops) for the other surfaces; this pass gives the
 * n8n editor n8n's style. test/n8n-lint.test.ts lints the result with the rules themselves.
 *
 * - display names and option names in title case (`titleCase` of title-case 3, the library the rule checks with),
 *   `ID` not `Id`; kebab-case values, URLs and names ending in "or" left as they are, as the rule leaves them;
 * - a one-sentence description without a final period, a longer one with one;
 * - options of five or more in alphabetical order, unless their values are numbers;
 * - a string parameter named `email` with an e-mail placeholder, one named like a secret typed as a password.
 *
 * What the rules ask that this pass does not do, and why, is in docs/decisions.md ("n8n's lint rules").
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { titleCase } from 'title-case';

const EMAIL_PLACEHOLDER = 'name@email.com';
const SENSITIVE = ['secret', 'password', 'token', 'apiKey'];
const MIN_TO_SORT = 5;

function isKebabCase(value: string): boolean {
  return value.includes('-') && value === value.toLowerCase().replace(/\s/g, '-');
}

/** A display name or option name in n8n's title case. */
export function title(value: string): string {
  if (value.toLowerCase().endsWith('or') || isKebabCase(value) || /^https?:\/\//.test(value)) return value;
  return titleCase(value).replace(/\bIds?\b/g, (id) => id.toUpperCase().replace('IDS', 'IDs'));
}

/**
 * A description with n8n's full stops: none after one sentence, one after several (sentences counted as the rules
 * count them: split at ". ", the first "e.g." not a break).
 */
export function description(value: string): string {
  if (/\s{2,}/.test(value)) return value;
  const sentences = value.replace('e.g.', '').split('. ').length;
  if (sentences === 1) return value.endsWith('.') && !value.endsWith('...') ? value.slice(0, -1) : value;
  return value.endsWith('.') ? value : `${value}.`;
}

type Option = INodePropertyOptions | INodeProperties | INodePropertyCollection;

function styleOption(option: Option): Option {
  if ('displayName' in option && 'type' in option) return styleProperty(option);
  if ('values' in option) {
    return { ...option, displayName: title(option.displayName), values: option.values.map(styleProperty) };
  }
  const named = option as INodePropertyOptions;
  return {
    ...named,
    name: title(named.name),
    ...(named.description ? { description: description(named.description) } : {}),
  };
}

function sorted(options: Option[]): Option[] {
  const first = options[0] as INodePropertyOptions | undefined;
  if (options.length < MIN_TO_SORT || first === undefined || !('value' in first)) return options;
  if (/^\d+$/.test(String(first.value))) return options;
  return [...options].sort((a, b) =>
    String((a as INodePropertyOptions).name).localeCompare(String((b as INodePropertyOptions).name)),
  );
}

/** One parameter (and what it holds) in n8n's style. */
export function styleProperty(property: INodeProperties): INodeProperties {
  const styled: INodeProperties = {
    ...property,
    displayName: property.type === 'notice' ? property.displayName : title(property.displayName),
    ...(property.description ? { description: description(property.description) } : {}),
  };
  if (property.options) {
    const options = property.options.map(styleOption);
    styled.options = (
      property.type === 'options' || property.type === 'multiOptions' ? sorted(options) : options
    ) as INodeProperties['options'];
  }
  if (property.type === 'string' && property.name === 'email' && !property.placeholder) {
    styled.placeholder = EMAIL_PLACEHOLDER;
  }
  const lower = property.name.toLowerCase();
  if (property.type === 'string' && SENSITIVE.some((word) => lower.includes(word.toLowerCase()))) {
    styled.typeOptions = { ...property.typeOptions, password: true };
  }
  return styled;
}
