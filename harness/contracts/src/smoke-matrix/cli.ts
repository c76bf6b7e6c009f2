import { USAGE, parseSmokeArgs, type SmokeArgs } from './args.ts';
import { runMatrix } from './matrix.ts';
import { formatReport, writeReport } from './report.ts';
import { startTarget } from './start-target.ts';

/** Exit 0 when every case that ran passed, 1 when one failed, 2 on a usage error. */
async function main(): Promise<number> {
  let args: SmokeArgs;
  try {
    args = parseSmokeArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const target = await startTarget(args);
  try {
    const report = await runMatrix(
      {
        baseUrl: target.baseUrl,
        cases: args.cases,
        timeoutMs: args.timeoutMs,
        ...(target.apiKey === undefined ? {} : { apiKey: target.apiKey }),
        ...(args.live ? { live: { env: process.env } } : {}),
      },
      target.mode,
    );
    const path = writeReport(args.name, report);
    console.log(`${formatReport(report)}\nreport: ${path}`);
    return report.passed ? 0 : 1;
  } finally {
    await target.close();
  }
}

process.exitCode = await main();
