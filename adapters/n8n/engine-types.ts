/**
 * n8n's types for the engine-level tests and the benchmark (test/n8n, bench/n8n.ts): the packages are the
 * adapter's development dependencies (adapters/n8n/node_modules, see package.json here), which code outside
 * adapters/n8n cannot resolve by name. Types only: at run time the harness loads n8n's engine with a require
 * from the folder of an n8n install.
 */
import type * as CoreModule from 'n8n-core';
import type * as WorkflowModule from 'n8n-workflow';

export type * from 'n8n-workflow';
export type CoreApi = typeof CoreModule;
export type WorkflowApi = typeof WorkflowModule;
