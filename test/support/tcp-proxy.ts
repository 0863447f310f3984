import { once } from 'node:events';
import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

interface Carried {
  client: Socket;
  upstream: Socket;
  /** The first bytes the client sent, to pick connections by what they are for. */
  sent: string;
  dropped: boolean;
}

const SENT_KEPT = 4096;

/**
 * A TCP proxy of a test's own in front of a local port. It can stop carrying chosen connections
 * without closing them, as a NAT or a firewall that forgets a flow does: bytes are lost both ways
 * and neither end hears of it (a close is still passed on).
 */
export class TcpProxy {
  private readonly carried = new Set<Carried>();

  private constructor(private readonly server: Server) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => proxy.carry(client, targetPort));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Silently drops every open connection whose client sent text that `match` accepts; how many. */
  dropSilently(match: (sent: string) => boolean): number {
    let count = 0;
    for (const connection of this.carried) {
      if (!connection.dropped && match(connection.sent)) {
        connection.dropped = true;
        count++;
      }
    }
    return count;
  }

  async close(): Promise<void> {
    for (const { client, upstream } of this.carried) {
      client.destroy();
      upstream.destroy();
    }
    this.server.close();
    await once(this.server, 'close');
  }

  private carry(client: Socket, targetPort: number): void {
    const upstream = createConnection(targetPort, '127.0.0.1');
    const connection: Carried = { client, upstream, sent: '', dropped: false };
    this.carried.add(connection);
    client.on('data', (chunk: Buffer) => {
      if (connection.sent.length < SENT_KEPT) connection.sent += chunk.toString('latin1');
      if (!connection.dropped) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!connection.dropped) client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.carried.delete(connection);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
