#!/usr/bin/env node
import '../src/lane-cli.ts';
