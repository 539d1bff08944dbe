/** The comparison for webhook ingest: a bare fastify route that parses the JSON body and answers 200. */
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.post('/webhooks/pipedrive/:id', async (request) => ({
  status: 'accepted',
  event_id: (request.body as { meta?: { id?: string } }).meta?.id,
}));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`READY ${new URL(address).port}`);
