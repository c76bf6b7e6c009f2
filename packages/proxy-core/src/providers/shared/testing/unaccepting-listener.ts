/**
 * A loopback TCP port whose connections never stand: the real thing a connect deadline exists for (an upstream
 * host that drops SYNs), made on loopback without root or a firewall rule. A listener with a backlog of 1 lives
 * in a worker thread whose event loop is blocked, so nothing ever accepts; two connections fill the kernel's
 * accept queue and from then on Linux drops every SYN to the port, so a `connect()` hangs until its caller gives
 * up. A plain Node server cannot do this: it accepts on its own as soon as its loop turns.
 */
import net from 'node:net';
import { Worker } from 'node:worker_threads';

export interface UnacceptingListener {
  readonly port: number;
  close(): Promise<void>;
}

const LISTENER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(workerData, 0, 0);
});`;

/** How many connections fill an accept queue of backlog 1 (Linux queues backlog + 1). */
const QUEUE_FILLERS = 2;

export async function startUnacceptingListener(): Promise<UnacceptingListener> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(LISTENER_SOURCE, { eval: true, workerData: gate });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const fillers: net.Socket[] = [];
  for (let index = 0; index < QUEUE_FILLERS; index += 1) {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    fillers.push(socket);
  }
  return {
    port,
    async close() {
      for (const socket of fillers) socket.destroy();
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      await worker.terminate();
    },
  };
}
