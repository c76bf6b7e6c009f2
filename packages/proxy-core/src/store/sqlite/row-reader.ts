/**
 * Typed access to node:sqlite result rows (`Record<string, SQLOutputValue>`). The schema's CHECK constraints
 * already guarantee the shapes; these checks turn a schema/code mismatch into a clear error instead of a
 * silently wrong value.
 */
import type { SQLOutputValue } from 'node:sqlite';

export type Row = Record<string, SQLOutputValue>;

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw columnError(column, 'text', value);
  return value;
}

export function nullableText(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

export function integer(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw columnError(column, 'integer', value);
  return value;
}

export function oneOf<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const value = text(row, column);
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw columnError(column, allowed.join('|'), value);
  return match;
}

function columnError(column: string, expected: string, value: SQLOutputValue | undefined): Error {
  return new TypeError(`column ${column}: expected ${expected}, found ${String(value)}`);
}
