import { describe, expect, it } from 'vitest';
import { portkeyArgs, portkeyEnv, portkeyHeaders, portkeyInstallSteps, PORTKEY_SPEC } from './portkey.ts';

describe('Portkey peer', () => {
  it('installs the pinned package into its own prefix, without running install scripts', () => {
    expect(PORTKEY_SPEC).toBe('@portkey-ai/gateway@1.15.2');
    const [npm] = portkeyInstallSteps('/cache/peers/portkey-gateway-1.15.2');
    expect(npm?.command).toBe('npm');
    expect(npm?.args).toEqual(
      expect.arrayContaining([
        '--prefix',
        '/cache/peers/portkey-gateway-1.15.2',
        '--ignore-scripts',
        PORTKEY_SPEC,
      ]),
    );
  });

  it('starts its bundled server headless on the given port', () => {
    expect(portkeyArgs('/p', 8788)).toEqual([
      '/p/node_modules/@portkey-ai/gateway/build/start-server.js',
      '--port=8788',
      '--headless',
    ]);
  });

  it('routes each request to the OpenAI-compatible upstream by headers, trusting the loopback host', () => {
    expect(portkeyHeaders('http://127.0.0.1:4000/v1', 'k')).toEqual({
      authorization: 'Bearer k',
      'content-type': 'application/json',
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': 'http://127.0.0.1:4000/v1',
    });
    const env = portkeyEnv({ PATH: '/bin' }, '127.0.0.1');
    expect(env).toEqual({ PATH: '/bin', NODE_ENV: 'production', TRUSTED_CUSTOM_HOSTS: '127.0.0.1' });
  });
});
