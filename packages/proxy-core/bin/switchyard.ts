#!/usr/bin/env node
import { runCli } from '../src/cli.ts';
import { createServer } from '../src/server/create-server.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  env: process.env,
  createServer: (config) => createServer(config),
});
