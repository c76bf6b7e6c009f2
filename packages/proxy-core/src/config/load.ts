/**
 * Builds the effective configuration: defaults ← file (YAML or JSON) ← SWITCHYARD_* environment ←
 * explicit overrides (CLI flags), then one validation pass.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, describeIssues } from './config-error.ts';
import { isPlainObject, mergeDeep, readEnvOverrides } from './env-overrides.ts';
import { configSchema, type SwitchyardConfig } from './schema.ts';

export interface LoadConfigOptions {
  readonly file?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Highest precedence, e.g. `--host` / `--port`. */
  readonly overrides?: Record<string, unknown>;
}

export interface LoadedConfig {
  readonly config: SwitchyardConfig;
  readonly warnings: readonly string[];
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const fromFile = options.file === undefined ? {} : readConfigFile(options.file);
  const env = readEnvOverrides(options.env ?? {});
  const merged = mergeDeep(mergeDeep(fromFile, env.values), options.overrides ?? {});
  try {
    return { config: validateConfig(merged, env.sources), warnings: env.warnings };
  } catch (error) {
    // A misspelt SWITCHYARD_* variable is often the reason a value is wrong: show both together.
    if (error instanceof ConfigError && env.warnings.length > 0) {
      throw new ConfigError([...error.issues, ...env.warnings.map((warning) => `note: ${warning}`)]);
    }
    throw error;
  }
}

/** Validates an already-assembled object (programmatic use: createServer, tests). */
export function validateConfig(
  input: unknown,
  sources: ReadonlyMap<string, string> = new Map(),
): SwitchyardConfig {
  const result = configSchema.safeParse(input ?? {});
  if (!result.success) throw new ConfigError(describeIssues(result.error, input, sources));
  return result.data;
}

export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : String(error);
    throw new ConfigError([
      `config file "${file}" ${reason}. Fix: check the path, or omit --config to run on the defaults`,
    ]);
  }
  const isJson = extname(file).toLowerCase() === '.json';
  let parsed: unknown;
  try {
    // YAML is a superset of JSON, but JSON.parse gives the better message for .json files.
    parsed = isJson ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`config file "${file}" is not valid ${isJson ? 'JSON' : 'YAML'}: ${message}`]);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isPlainObject(parsed)) {
    throw new ConfigError([
      `config file "${file}" must hold a mapping of settings at the top level (got ${Array.isArray(parsed) ? 'a list' : typeof parsed})`,
    ]);
  }
  return parsed;
}
