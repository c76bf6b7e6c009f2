import { describe, expect, it } from 'vitest';
import { ERRORS } from './catalogue.ts';
import { ERROR_TABLE_END, ERROR_TABLE_START, renderErrorTable, withErrorTable } from './error-table.ts';

describe('error table', () => {
  it('lists every catalogue code once, with its status', () => {
    const table = renderErrorTable();
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(table.match(new RegExp(`^\\| \`${code}\` +\\| ${entry.status} +\\|`, 'gm')), code).toHaveLength(
        1,
      );
    }
  });

  it('rewrites only the region between the markers, and a second pass changes nothing', () => {
    const doc = `# Errors\n\nintro\n\n${ERROR_TABLE_START}\nstale\n${ERROR_TABLE_END}\n\noutro\n`;
    const fresh = withErrorTable(doc);
    expect(fresh).toMatch(/^# Errors\n\nintro\n\n/);
    expect(fresh).toMatch(/\n\noutro\n$/);
    expect(fresh).not.toContain('stale');
    expect(withErrorTable(fresh ?? '')).toBe(fresh);
    expect(withErrorTable('# Errors without markers\n')).toBeUndefined();
  });
});
