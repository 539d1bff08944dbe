// The host from dist/, printing `READY <port>` for the benchmarks (PORT=0: any free port).
process.env.PORT = '0';
process.env.HOST = '127.0.0.1';
const { buildApp } = await import('../dist/server/app.js');
const { loadConfig } = await import('../dist/server/config.js');
const { openStore } = await import('../dist/server/store/open.js');
const config = loadConfig();
const { store, makeDispatcher } = await openStore(config);
const app = await buildApp({ config, store, ...(makeDispatcher ? { makeDispatcher } : {}) });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`READY ${new URL(address).port}`);
process.on('SIGINT', () => process.exit(0));
