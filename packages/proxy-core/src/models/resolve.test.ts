import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { MockProvider } from '../providers/mock/mock-provider.ts';
import { mockProviderConfigSchema } from '../providers/mock/mock-config.ts';
import { ProviderRegistry } from '../providers/registry.ts';
import { ScriptedProvider } from '../streaming/testing-providers.ts';
import { resolveModel } from './resolve.ts';

const registry = new ProviderRegistry()
  .register(new MockProvider(mockProviderConfigSchema.parse({})))
  .register(new ScriptedProvider('scripted', () => []));

function failure(raw: string): ApiError['spec'] {
  try {
    resolveModel(raw, registry);
  } catch (error) {
    if (error instanceof ApiError) return error.spec;
  }
  throw new Error(`expected ${raw} to fail`);
}

describe('resolveModel', () => {
  it('resolves bare and provider-qualified models, keeping the thinking suffix', () => {
    expect(resolveModel('mock-small', registry)).toMatchObject({
      target: { provider: 'mock', model: 'mock-small' },
      thinkingSuffix: undefined,
    });
    expect(resolveModel('Scripted/scripted(high)', registry)).toMatchObject({
      provider: { name: 'scripted' },
      target: { requested: 'Scripted/scripted(high)', provider: 'scripted', model: 'scripted' },
      thinkingSuffix: 'high',
    });
  });

  it('answers 404 model_not_found naming the providers', () => {
    expect(failure('gpt-5')).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(failure('gpt-5').message).toContain('Available providers: mock, scripted');
    // A provider prefix pins that provider: it must serve the model itself.
    expect(failure('scripted/mock-small')).toMatchObject({ status: 404 });
    expect(failure('unknown/mock-small')).toMatchObject({ status: 404 });
  });

  it('answers 400 for a malformed model reference', () => {
    expect(failure('mock-small(')).toMatchObject({ status: 400, code: 'invalid_model', param: 'model' });
    expect(failure('mock-small()')).toMatchObject({ status: 400 });
  });
});
