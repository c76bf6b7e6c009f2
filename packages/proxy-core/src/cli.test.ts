import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { packageInfo } from './version.ts';

function run(...argv: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  const code = runCli(argv, out, err);
  return { code, out: String(out.read() ?? ''), err: String(err.read() ?? '') };
}

describe('runCli', () => {
  it('prints name and version for --version and -v', () => {
    for (const flag of ['--version', '-v']) {
      expect(run(flag)).toEqual({ code: 0, out: `${packageInfo.name} ${packageInfo.version}\n`, err: '' });
    }
  });

  it('prints usage for --help with exit 0, and for no command with exit 2', () => {
    expect(run('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: switchyard') });
    expect(run()).toMatchObject({ code: 2, out: expect.stringContaining('Usage: switchyard') });
  });

  it('rejects an unknown command on stderr', () => {
    expect(run('nope')).toMatchObject({
      code: 2,
      out: '',
      err: expect.stringContaining('unknown command "nope"'),
    });
  });
});
