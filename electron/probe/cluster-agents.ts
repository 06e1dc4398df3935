import { Agent, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { checkReachable, type Reachability } from './reachability.js';

/**
 * A keep-alive agent for one cluster that spends as few full TLS handshakes as it can: its first connection is
 * the reachability check's socket, and every later one offers the newest TLS session the cluster gave us, so
 * the server resumes it (no certificate chain to send, sign, verify and parse again). Sessions only ever come
 * from handshakes that verified the cluster's CA and hostname.
 */
class ClusterAgent extends Agent {
  private session?: Buffer;
  private spare?: { socket: TLSSocket; gone: () => void };

  /** The newest TLS session the cluster gave us (a rescan's reachability check offers it too). */
  get lastSession(): Buffer | undefined {
    return this.session;
  }

  adopt(socket: TLSSocket, session: Buffer | undefined): void {
    if (session) this.session = session;
    this.dropSpare();
    // Connections kept from an earlier scan are enough: this one proved the cluster answers, nothing more.
    if (this.hasFreeSockets()) return discard(socket);
    socket.on('session', (s: Buffer) => (this.session = s));
    // Until a request takes it: an error, close or idle timeout just means there is no spare. Like the agent's
    // own idle sockets, it does not keep the process alive.
    const gone = () => {
      if (this.spare?.socket !== socket) return;
      this.spare = undefined;
      discard(socket);
    };
    socket.on('error', gone);
    socket.once('close', gone);
    socket.setTimeout(IDLE_SOCKET_MS, gone);
    socket.unref();
    this.spare = { socket, gone };
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const spare = this.takeSpare();
    if (spare) {
      if (!spare.destroyed && spare.writable && spare.readable) {
        spare.setTimeout(0);
        return spare.ref();
      }
      discard(spare);
    }
    const withSession = this.session && !(options as { session?: Buffer }).session ? { ...options, session: this.session } : options;
    const socket = super.createConnection(withSession, callback) as TLSSocket;
    socket.on('session', (s: Buffer) => (this.session = s));
    return socket;
  }

  override destroy(): void {
    this.dropSpare();
    super.destroy();
  }

  private hasFreeSockets(): boolean {
    return Object.values(this.freeSockets).some((list) => (list?.length ?? 0) > 0);
  }

  private takeSpare(): TLSSocket | undefined {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare) return undefined;
    spare.socket.removeListener('error', spare.gone);
    spare.socket.removeListener('close', spare.gone);
    spare.socket.removeListener('timeout', spare.gone);
    return spare.socket;
  }

  private dropSpare(): void {
    const spare = this.takeSpare();
    if (spare) discard(spare);
  }
}

function discard(socket: TLSSocket): void {
  socket.on('error', () => {});
  socket.destroy();
}

/**
 * CA-only TLS contexts by CA, shared by every scan of the process (a rescan, a diagnosis): parsing a CA into a
 * context costs ~1 ms. A context is immutable once made; bounded so a long session cannot grow it forever.
 */
const contexts = new Map<string, SecureContext>();
const MAX_CONTEXTS = 1000;
/** Kept-alive connections idle this long are closed (by us; the API server may close them sooner). */
const IDLE_SOCKET_MS = 60_000;

function contextFor(caData: string): SecureContext {
  let c = contexts.get(caData);
  if (!c) {
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(caData, (c = createSecureContext({ ca: [Buffer.from(caData, 'base64').toString('utf8')] })));
  }
  return c;
}

interface ClusterTls {
  agent: ClusterAgent;
  secureContext: SecureContext;
}

/**
 * One keep-alive HTTPS agent per cluster, trusting ONLY that cluster's CA (no public roots), shared by every
 * probe of a scan so calls reuse connections. client-node 1.4 would make a new agent (a new TLS handshake)
 * per request; the probe hands it these instead.
 */
export class ClusterAgents {
  private readonly clusters = new Map<string, ClusterTls>();
  /**
   * The key last made for each endpoint, reused while its CA is the same: a new `endpoint + CA` string would be
   * copied and hashed (~2 KB) on each of a scan's hundreds of lookups; the kept one has its hash already.
   */
  private readonly keys = new Map<string, { caData: string; key: string }>();

  constructor(
    private readonly maxSocketsPerCluster = 64,
    /** Least recently used clusters beyond this many lose their agent (and its connections). */
    private readonly maxClusters = 1000,
  ) {}

  forCluster(endpoint: string, caData: string): Agent {
    return this.tls(endpoint, caData).agent;
  }

  /**
   * The reachability check (one TLS handshake, resumed when an earlier one gave a session); when it succeeds its
   * socket becomes the cluster's first connection.
   */
  reach(endpoint: string, caData: string, timeoutMs: number, signal?: AbortSignal): Promise<Reachability> {
    const { agent, secureContext } = this.tls(endpoint, caData);
    return checkReachable(endpoint, caData, timeoutMs, signal, { secureContext, session: agent.lastSession, keep: (socket, session) => agent.adopt(socket, session) });
  }

  destroy(): void {
    for (const c of this.clusters.values()) c.agent.destroy();
    this.clusters.clear();
    this.keys.clear();
  }

  private keyOf(endpoint: string, caData: string): string {
    const last = this.keys.get(endpoint);
    if (last && last.caData === caData) return last.key;
    const key = `${endpoint}\n${caData}`;
    if (this.keys.size >= this.maxClusters) this.keys.clear();
    this.keys.set(endpoint, { caData, key });
    return key;
  }

  private tls(endpoint: string, caData: string): ClusterTls {
    const key = this.keyOf(endpoint, caData);
    let c = this.clusters.get(key);
    if (c) {
      // Most recently used last: the first entry is the one to evict.
      this.clusters.delete(key);
      this.clusters.set(key, c);
    } else {
      if (this.clusters.size >= this.maxClusters) {
        const [oldest, old] = this.clusters.entries().next().value!;
        this.clusters.delete(oldest);
        old.agent.destroy();
      }
      // One TLS context per CA, made once (Node would build one per connection from a `ca` option).
      const secureContext = contextFor(caData);
      // Free sockets are kept up to the limit: a scan comes back to every cluster in bursts.
      const agent = new ClusterAgent({ keepAlive: true, maxSockets: this.maxSocketsPerCluster, maxFreeSockets: this.maxSocketsPerCluster, timeout: IDLE_SOCKET_MS, secureContext });
      this.clusters.set(key, (c = { agent, secureContext }));
    }
    return c;
  }
}

const shared = new Map<number, ClusterAgents>();

/**
 * The process's agents (one set per connections-per-cluster setting): a rescan, a re-run or the next scan reuses
 * the connections the last one left open instead of paying their TLS handshakes again.
 */
export function sharedClusterAgents(maxSocketsPerCluster: number): ClusterAgents {
  let a = shared.get(maxSocketsPerCluster);
  if (!a) shared.set(maxSocketsPerCluster, (a = new ClusterAgents(maxSocketsPerCluster)));
  return a;
}
