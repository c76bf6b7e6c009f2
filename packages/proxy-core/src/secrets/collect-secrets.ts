/** Which strings of a config tree are secrets, by the one definition in `config/secret-fields.ts`. */
import { isSecretField, isSecretListField } from '../config/secret-fields.ts';
import { MIN_SECRET_LENGTH } from './derived-forms.ts';

/** Every secret-looking string value in a config tree (client keys, upstream provider keys). */
export function collectSecrets(tree: unknown, found: Set<string> = new Set()): Set<string> {
  // An explicit stack: config trees are small, but no walk in the proxy recurses on input it did not write.
  const pending: unknown[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
    } else if (node !== null && typeof node === 'object') {
      for (const [field, value] of Object.entries(node)) {
        if (typeof value === 'string' && isSecretField(field) && value.length >= MIN_SECRET_LENGTH) {
          found.add(value);
        } else if (Array.isArray(value) && isSecretListField(field)) {
          // `providers.<name>.keys: [...]`: a list of bare key strings (client keys are `{id, key}` objects).
          for (const item of value as unknown[]) {
            if (typeof item === 'string' && item.length >= MIN_SECRET_LENGTH) found.add(item);
            else pending.push(item);
          }
        } else {
          pending.push(value);
        }
      }
    }
  }
  return found;
}
