import { describe, expect, it } from 'vitest';
import {
  checkLitellmVersion,
  LITELLM_SPEC,
  litellmArgs,
  litellmConfig,
  litellmInstallSteps,
} from './litellm.ts';

const input = {
  model: 'gpt-4o-mini',
  upstreamBaseUrl: 'http://127.0.0.1:40123/v1',
  upstreamKey: 'perf-upstream-key',
  masterKey: 'sk-perf-master',
};

describe('LiteLLM peer', () => {
  it('pins exactly 1.93.0 and refuses the compromised 1.107.0 or any other version', () => {
    expect(LITELLM_SPEC).toBe('litellm[proxy]==1.93.0');
    const pip = litellmInstallSteps('/cache/peers/litellm-1.93.0')[1];
    expect(pip?.command).toBe('/cache/peers/litellm-1.93.0/bin/pip');
    expect(pip?.args).toContain('litellm[proxy]==1.93.0');
    expect(() => checkLitellmVersion('1.93.0\n')).not.toThrow();
    expect(() => checkLitellmVersion('1.107.0')).toThrow(/deny list/);
    expect(() => checkLitellmVersion('1.93.1')).toThrow(/pins exactly 1\.93\.0/);
    expect(() => checkLitellmVersion('')).toThrow();
  });

  it('routes the model the direct side asks for to the same upstream, with no retries', () => {
    const yaml = litellmConfig(input);
    expect(yaml).toContain('  - model_name: "gpt-4o-mini"');
    expect(yaml).toContain('      model: "openai/gpt-4o-mini"');
    expect(yaml).toContain('      api_base: "http://127.0.0.1:40123/v1"');
    expect(yaml).toContain('      api_key: "perf-upstream-key"');
    expect(yaml).toContain('  master_key: "sk-perf-master"');
    expect(yaml.match(/num_retries: 0/g)).toHaveLength(2);
  });

  it('quotes every value, so a key with YAML syntax in it stays a string', () => {
    const yaml = litellmConfig({ ...input, upstreamKey: 'a: b # "c"' });
    expect(yaml).toContain(String.raw`      api_key: "a: b # \"c\""`);
    expect(() => litellmConfig({ ...input, masterKey: 'perf-master' })).toThrow(/sk-/);
  });

  it('starts one worker on loopback with telemetry off and the quiet log config', () => {
    const args = litellmArgs('/tmp/l.yaml', '/tmp/log.json', 4100);
    expect(args.join(' ')).toBe(
      '--config /tmp/l.yaml --host 127.0.0.1 --port 4100 --num_workers 1 --telemetry False --log_config /tmp/log.json',
    );
  });
});
