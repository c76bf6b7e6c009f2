#!/usr/bin/env node
import { runCli } from '../src/cli.ts';

process.exitCode = runCli(process.argv.slice(2), process.stdout, process.stderr);
