/**
 * The framework ceiling: Fastify's own hello world, with no plugin, hook or schema, in a process
 * of its own. Tells its parent (bench/http.bench.ts) where it listens.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url });
process.on('disconnect', () => {
  void app.close().then(() => process.exit(0));
});
