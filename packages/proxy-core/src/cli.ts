/**
 * The `switchyard` command line. Subcommands are added as the server grows; unknown input is an
 * error with usage, exit code 2.
 */
import { packageInfo } from './version.ts';

const USAGE = `Usage: switchyard <command>

Commands:
  --version     print the version
  --help        print this help
`;

export function runCli(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const [command] = argv;
  if (command === '--version' || command === '-v') {
    out.write(`${packageInfo.name} ${packageInfo.version}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h') {
    out.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  err.write(`switchyard: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}
