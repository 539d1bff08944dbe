import { createContext } from 'react';

/** What the custom widgets need from around the form: the connection and the whole form's values. */
export interface FormEnvValue {
  connectionId?: string;
  formData?: Record<string, unknown>;
}

export const FormEnv = createContext<FormEnvValue>({});
