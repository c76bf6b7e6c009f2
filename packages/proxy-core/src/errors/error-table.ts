/**
 * The error catalogue as the Markdown tables of `docs/errors.md`: the document holds them between two markers,
 * and `scripts/error-table.ts` rewrites (`--write`) or checks (the docs lane) that region.
 */
import { ERRORS, type ErrorArea, type ErrorCode } from './catalogue.ts';

export const ERROR_TABLE_START = '<!-- error-table:start (generated from src/errors/catalogue.ts) -->';
export const ERROR_TABLE_END = '<!-- error-table:end -->';

const AREA_TITLES: Readonly<Record<ErrorArea, string>> = {
  request: 'The request',
  access: 'Access',
  thinking: 'Thinking settings',
  upstream: 'Upstream failures',
  deadline: 'Deadlines and stream guards',
  server: 'The server',
  'control-plane': 'Control plane',
};

/**
 * A table laid out as prettier lays Markdown tables out (cells padded to the column's width, a dash row as
 * wide), so the generated file passes `prettier --check` as written. Cells are ASCII-width text.
 */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** One section per area, in catalogue order: `### title` and a Code / Status / Meaning table. */
export function renderErrorTable(): string {
  const codes = Object.keys(ERRORS) as ErrorCode[];
  const areas = [...new Set(codes.map((code) => ERRORS[code].area))];
  return areas
    .map((area) => {
      const rows = codes
        .filter((code) => ERRORS[code].area === area)
        .map((code) => [`\`${code}\``, String(ERRORS[code].status), cell(ERRORS[code].message)]);
      return `### ${AREA_TITLES[area]}\n\n${markdownTable(['Code', 'Status', 'Meaning'], rows)}`;
    })
    .join('\n\n');
}

/** `doc` with the region between the markers replaced by the current tables; undefined without markers. */
export function withErrorTable(doc: string): string | undefined {
  const start = doc.indexOf(ERROR_TABLE_START);
  const end = doc.indexOf(ERROR_TABLE_END);
  if (start === -1 || end < start) return undefined;
  const before = doc.slice(0, start + ERROR_TABLE_START.length);
  return `${before}\n\n${renderErrorTable()}\n\n${doc.slice(end)}`;
}
