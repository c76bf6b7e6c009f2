/**
 * Preloaded into the proxy process (`node --import <this file> …/switchyard.js serve`) because the proxy
 * exposes no event-loop metrics. Every second it appends one JSON line — event-loop delay p50/p99/max (ms)
 * and heap used (MiB) — to the file named by SY_PERF_PROBE_FILE. Its cost: one histogram timer at 20 ms
 * resolution and one write a second; its timers are unref'd, so it never keeps the proxy alive.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env['SY_PERF_PROBE_FILE'];
if (file !== undefined && file !== '') {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  setInterval(() => {
    const line = {
      t: Date.now(),
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    };
    histogram.reset();
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 1000).unref();
}
