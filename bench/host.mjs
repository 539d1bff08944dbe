// The host from dist/, printing `READY <port>` for the benchmarks (PORT=0: any free port).
process.env.PORT = '0';
process.env.HOST = '127.0.0.1';
const { buildApp } = await import('../dist/server/app.js');
const { loadConfig } = await import('../dist/server/config.js');
const { openStore } = await import('../dist/server/store/open.js');
const { issueKey } = await import('../dist/server/keys.js');
const config = loadConfig();
const { store, secrets, makeDispatcher } = await openStore(config);
const app = await buildApp({ config, store, secrets, ...(makeDispatcher ? { makeDispatcher } : {}) });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
// An API key for the benchmark's own calls (the host's routes need one).
const { key } = await issueKey(store, { workspace_id: 'default', admin: true, label: 'bench', by: null });
console.log(`READY ${new URL(address).port} ${key}`);
process.on('SIGINT', () => process.exit(0));
