import { type CustomValidatorOptionsType, customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';

/**
 * The connector's schemas declare JSON Schema draft 2020-12 (`$schema`); ajv's default class knows draft-07
 * only and would refuse them, so rjsf's validator is built on Ajv2020 (ajv-formats included by rjsf).
 */
export const validator = customizeValidator({
  AjvClass: Ajv2020 as unknown as CustomValidatorOptionsType['AjvClass'],
});
