/**
 * The load generator in a process of its own (so it never shares an event loop with the server):
 * runs autocannon with the options its parent sends and sends the result back. Once with the options
 * as JSON in argv[2] or as its first message; with `--serve`, for every message until its parent
 * disconnects (a new process per run costs more than a second with tsx).
 *
 * `spread: true` with a `requests` list starts each connection at its own place in the list, so the
 * connections are spread over the list's addresses instead of asking for the same one together; with
 * `amount` set to the list's length, every request of the list is made once (one cart per checkout).
 */
import autocannon from 'autocannon';

type LoadOptions = autocannon.Options & { spread?: boolean };

function run({ spread, ...opts }: LoadOptions) {
  const list = opts.requests;
  if (spread && list && list.length > 1) {
    const connections = opts.connections ?? 10;
    let next = 0;
    opts.setupClient = (client) => {
      // Autocannon gives connection i floor(amount / n) requests, one more for the first amount % n: with
      // `amount` equal to the list's length, each request of the list is then made exactly once.
      const i = next++;
      const at = (i * Math.floor(list.length / connections) + Math.min(i, list.length % connections)) % list.length;
      client.setRequests([...list.slice(at), ...list.slice(0, at)]);
    };
  }
  return autocannon(opts);
}

if (process.argv[2] === '--serve') {
  process.on('message', (opts) => {
    void run(opts as LoadOptions).then((result) => process.send?.(result));
  });
  process.on('disconnect', () => process.exit(0));
} else {
  const opts = (
    process.argv[2]
      ? JSON.parse(process.argv[2])
      : await new Promise<unknown>((resolve) => process.once('message', resolve))
  ) as LoadOptions;
  const result = await run(opts);
  process.send?.(result, () => process.exit(0));
}
