import { parseArgs } from 'node:util';
import { startMockUpstream } from './mock-upstream-server.ts';

// Manual runs and perf baselines: `node src/mock-upstream-cli.ts --port 8600 [--host 127.0.0.1] [--chunk-delay-ms 5]`.
// Prints one JSON line with the server URL and each provider's base URL, then serves until SIGINT/SIGTERM.

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'chunk-delay-ms': { type: 'string' },
  },
  strict: true,
});

function nonNegativeInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${flag} must be a non-negative integer, got '${raw}'\n`);
    process.exit(2);
  }
  return value;
}

const chunkDelay = values['chunk-delay-ms'];
const upstream = await startMockUpstream({
  host: values.host,
  port: nonNegativeInteger('port', values.port),
  ...(chunkDelay === undefined ? {} : { chunkDelayMs: nonNegativeInteger('chunk-delay-ms', chunkDelay) }),
});
process.stdout.write(`${JSON.stringify({ url: upstream.url, baseUrls: upstream.baseUrls })}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void upstream.close().then(() => process.exit(0));
  });
}
