import { join } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { fencedBlocks, type MarkdownDoc } from './markdown.ts';

interface Snippet {
  readonly doc: string;
  readonly line: number;
  readonly code: string;
}

function snippetsOf(docs: readonly MarkdownDoc[], langs: readonly string[]): Snippet[] {
  return docs.flatMap((doc) =>
    fencedBlocks(doc.text)
      .filter((block) => langs.includes(block.lang))
      .map((block) => ({ doc: doc.path, line: block.line, code: block.code })),
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

export function checkJsonSnippets(docs: readonly MarkdownDoc[]): string[] {
  const findings: string[] = [];
  for (const snippet of snippetsOf(docs, ['json'])) {
    try {
      JSON.parse(snippet.code);
    } catch (error) {
      findings.push(
        `${snippet.doc}:${snippet.line}: json snippet does not parse: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return findings;
}

export function checkYamlSnippets(docs: readonly MarkdownDoc[]): string[] {
  const findings: string[] = [];
  for (const snippet of snippetsOf(docs, ['yaml', 'yml'])) {
    for (const document of parseAllDocuments(snippet.code)) {
      const error = document.errors[0];
      if (error !== undefined)
        findings.push(
          `${snippet.doc}:${snippet.line}: yaml snippet does not parse: ${firstLine(error.message)}`,
        );
    }
  }
  return findings;
}

/** The repo's strict compiler options (tsconfig.base.json), so snippets are held to the code's bar. */
function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.base.json');
  const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, root, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
}

/**
 * Typechecks every ts snippet in one program (fast: the libs load once). Each snippet is a virtual
 * module under the repo root, so its imports resolve against the workspace's node_modules.
 */
export function checkTypeScriptSnippets(root: string, docs: readonly MarkdownDoc[]): string[] {
  const snippets = snippetsOf(docs, ['ts', 'typescript']);
  if (snippets.length === 0) return [];
  const virtual = new Map<string, Snippet>();
  snippets.forEach((snippet, index) =>
    virtual.set(join(root, '.release-lint-snippets', `snippet-${index}.ts`), snippet),
  );
  const options = compilerOptions(root);
  const host = ts.createCompilerHost(options);
  const baseGetSourceFile = host.getSourceFile.bind(host);
  const baseFileExists = host.fileExists.bind(host);
  const baseReadFile = host.readFile.bind(host);
  host.fileExists = (path) => virtual.has(path) || baseFileExists(path);
  host.readFile = (path) => virtual.get(path)?.code ?? baseReadFile(path);
  host.getSourceFile = (path, language, onError, shouldCreate) => {
    const snippet = virtual.get(path);
    return snippet === undefined
      ? baseGetSourceFile(path, language, onError, shouldCreate)
      : ts.createSourceFile(path, snippet.code, language, true);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const findings: string[] = [];
  for (const [path, snippet] of virtual) {
    const source = program.getSourceFile(path);
    if (source === undefined) continue;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const diagnostic of diagnostics) {
      const line =
        diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
      const message = firstLine(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      findings.push(
        `${snippet.doc}:${snippet.line + line}: ts snippet does not typecheck: TS${diagnostic.code} ${message}`,
      );
    }
  }
  return findings;
}
