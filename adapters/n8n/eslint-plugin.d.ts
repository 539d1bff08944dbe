/** eslint-plugin-n8n-nodes-base ships no types: what adapters/n8n/lint.ts reads of it. */
declare module 'eslint-plugin-n8n-nodes-base' {
  const plugin: {
    configs: Record<'community' | 'credentials' | 'nodes', { rules: import('eslint').Linter.RulesRecord }>;
  };
  export default plugin;
}
