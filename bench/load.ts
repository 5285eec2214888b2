/**
 * The load generator in a process of its own (so it never shares an event loop with the server):
 * runs autocannon with the options given as JSON in argv[2] and sends the result to its parent.
 */
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2] ?? '{}') as autocannon.Options;
const result = await autocannon(opts);
process.send?.(result, () => process.exit(0));
