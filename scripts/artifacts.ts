import { z } from 'zod';
import { DESCRIPTIONS_PATH, renderDescriptions } from '../adapters/n8n/describe.js';
import { buildConnectorManifest } from '../connector.js';
import { exclusions } from '../operations/exclusions.js';
import { operations } from '../operations/index.js';
import type { JsonSchema } from '../runtime/json-schema.js';
import { envSchema } from '../server/config.js';
import { renderConfigurationDoc, renderOperationsDoc, renderTriggersDoc } from './docs.js';
import { versionModule } from './version.js';

/** Generated files by repository path, with their exact contents. */
export function artifacts(): Record<string, string> {
  const manifest = buildConnectorManifest();
  const placements = Object.fromEntries(operations.map((op) => [op.name, op.placement]));
  return {
    'runtime/version.ts': versionModule(),
    'connector.manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'docs/operations.md': renderOperationsDoc(manifest, placements, exclusions),
    'docs/triggers.md': renderTriggersDoc([...manifest.triggers, ...manifest.polling_triggers]),
    'docs/configuration.md': renderConfigurationDoc(z.toJSONSchema(envSchema, { io: 'input' }) as JsonSchema),
    [DESCRIPTIONS_PATH]: renderDescriptions(manifest),
  };
}
