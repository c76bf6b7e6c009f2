/**
 * SSE frames for `/events`: every event carries `id:` (the session's event id, stable across restarts) so a
 * reconnecting client's `Last-Event-ID` says exactly what it has seen. Heartbeats are SSE comments (the
 * shared StreamWriter sends them), which are not events and so carry no id.
 */

export function eventFrame(id: number, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}
