import type { DocsCheckName } from '../catalog-schema.ts';
import { checkCheapestSmokeJob } from './ci-jobs.ts';
import { checkCommandMatrix } from './command-matrix.ts';
import { checkCommandsExist } from './commands-exist.ts';
import { checkErrorTable } from './error-table.ts';
import { checkCheapestMatrixLinks, checkLinksResolve } from './links.ts';
import { readDocs } from './markdown.ts';
import { checkNoSecrets } from './secrets.ts';
import { checkJsonSnippets, checkTypeScriptSnippets, checkYamlSnippets } from './snippets.ts';
import { checkUrlHosts } from './url-hosts.ts';

/** One release-lint check by name; findings are `file:line: problem` lines, empty when it passes. */
export function runDocsCheck(root: string, check: DocsCheckName): string[] {
  const docs = readDocs(root);
  switch (check) {
    case 'commands-exist':
      return checkCommandsExist(root, docs);
    case 'snippets-parse':
      return [...checkJsonSnippets(docs), ...checkYamlSnippets(docs), ...checkTypeScriptSnippets(root, docs)];
    case 'no-secrets':
      return checkNoSecrets(docs);
    case 'url-hosts-approved':
      return checkUrlHosts(root);
    case 'command-matrix-complete':
      return checkCommandMatrix(root, docs);
    case 'links-resolve':
      return checkLinksResolve(root, docs);
    case 'cheapest-matrix-evidence-links':
      return checkCheapestMatrixLinks(root, docs);
    case 'ci-runs-cheapest-smoke':
      return checkCheapestSmokeJob(root);
    case 'error-table-current':
      return checkErrorTable(root);
  }
}

/** Memoised per generator run: several catalog items may point at the same check. */
export function docsCheckRunner(root: string): (check: DocsCheckName) => readonly string[] {
  const cache = new Map<DocsCheckName, readonly string[]>();
  return (check) => {
    const cached = cache.get(check);
    if (cached !== undefined) return cached;
    const findings = runDocsCheck(root, check);
    cache.set(check, findings);
    return findings;
  };
}
