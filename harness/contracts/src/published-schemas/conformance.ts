import { isDeepStrictEqual } from 'node:util';
import { ANTHROPIC_PING, type EmittedObject } from './emitted-objects.ts';
import { createSchemaValidator, type SchemaValidator } from './schema-validator.ts';
import { loadSpecDocument, type PublishedApi } from './spec-documents.ts';

/** One validator per published document, compiled on first use (the OpenAI document is 3 MB of YAML). */
const validators = new Map<PublishedApi, SchemaValidator>();
export function validatorOf(api: PublishedApi): SchemaValidator {
  let validator = validators.get(api);
  if (validator === undefined) {
    validator = createSchemaValidator(loadSpecDocument(api));
    validators.set(api, validator);
  }
  return validator;
}

/** Each way an emitted object departs from its published schema, as `<where> <schema>: <problem>` lines. */
export function conformanceProblems(objects: readonly EmittedObject[]): string[] {
  return objects.flatMap(({ where, api, schema, union, value }) => {
    const validator = validatorOf(api);
    if (!union) return validator.check(schema, value).map((problem) => `${where} ${schema}: ${problem}`);
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (api === 'anthropic' && type === 'ping') {
      return isDeepStrictEqual(value, ANTHROPIC_PING)
        ? []
        : [`${where}: ping is not ${JSON.stringify(ANTHROPIC_PING)}`];
    }
    const member = typeof type === 'string' ? validator.unionMember(schema, type) : undefined;
    if (member === undefined) return [`${where}: type ${JSON.stringify(type)} is not a member of ${schema}`];
    return validator.check(member, value).map((problem) => `${where} ${member}: ${problem}`);
  });
}
