/**
 * The load generator in a process of its own (so it never shares an event loop with the server):
 * runs autocannon with the options its parent sends (as JSON in argv[2], or as its first message when
 * they are too long for a command line) and sends the result back.
 *
 * `spread: true` with a `requests` list starts each connection at its own place in the list, so the
 * connections are spread over the list's addresses instead of asking for the same one together.
 */
import autocannon from 'autocannon';

type LoadOptions = autocannon.Options & { spread?: boolean };

const { spread, ...opts } = (
  process.argv[2]
    ? JSON.parse(process.argv[2])
    : await new Promise<unknown>((resolve) => process.once('message', resolve))
) as LoadOptions;
const list = opts.requests;
if (spread && list && list.length > 1) {
  const connections = opts.connections ?? 10;
  let next = 0;
  opts.setupClient = (client) => {
    const at = Math.floor((next++ * list.length) / connections) % list.length;
    client.setRequests([...list.slice(at), ...list.slice(0, at)]);
  };
}
const result = await autocannon(opts);
process.send?.(result, () => process.exit(0));
