import { isAbsolute, relative, sep } from 'node:path';

/**
 * A runner's file name (absolute in Vitest's JSON) as a path relative to the workspace.
 * Evidence written on another checkout (a CI artifact, a fixture) still resolves through the
 * `/<workspace>/` segment, so the report does not depend on where the lane ran.
 */
export function workspaceRelative(root: string, workspace: string, fileName: string): string {
  const posix = fileName.split(sep).join('/');
  if (!isAbsolute(fileName))
    return posix.startsWith(`${workspace}/`) ? posix.slice(workspace.length + 1) : posix;
  const fromRoot = relative(root, fileName).split(sep).join('/');
  if (!fromRoot.startsWith('..') && fromRoot.startsWith(`${workspace}/`))
    return fromRoot.slice(workspace.length + 1);
  const marker = `/${workspace}/`;
  const at = posix.lastIndexOf(marker);
  return at === -1 ? posix : posix.slice(at + marker.length);
}
