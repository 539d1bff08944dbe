import { buildConnectorManifest } from '../index.js';

/** Generated files by repository path, with their exact contents. */
export function artifacts(): Record<string, string> {
  const manifest = buildConnectorManifest();
  return {
    'connector.manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
  };
}
