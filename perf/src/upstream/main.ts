/**
 * The lean upstream as its own process (the runner pins it to a CPU): `node main.ts <deltas> <intervalMs>`.
 * Prints `{"port":N}` once listening; exits on SIGTERM.
 */
import { startLeanUpstream } from './server.ts';

const [deltas = '64', intervalMs = '20'] = process.argv.slice(2);
const upstream = await startLeanUpstream({ deltas: Number(deltas), intervalMs: Number(intervalMs) });
process.stdout.write(`${JSON.stringify({ port: upstream.port })}\n`);
process.on('SIGTERM', () => {
  void upstream.close().then(() => process.exit(0));
});
