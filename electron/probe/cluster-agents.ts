import { Agent } from 'node:https';
import { createSecureContext } from 'node:tls';

/**
 * One keep-alive HTTPS agent per cluster, trusting ONLY that cluster's CA (no public roots), shared by every
 * probe of a scan so calls reuse connections. client-node 1.4 would make a new agent (a new TLS handshake)
 * per request; the probe hands it these instead.
 */
export class ClusterAgents {
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly maxSocketsPerCluster = 64) {}

  forCluster(endpoint: string, caData: string): Agent {
    const key = `${endpoint}\n${caData}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const ca = Buffer.from(caData, 'base64').toString('utf8');
      // One TLS context per cluster, made once (Node would build one per connection from a `ca` option).
      agent = new Agent({ keepAlive: true, maxSockets: this.maxSocketsPerCluster, maxFreeSockets: 2, secureContext: createSecureContext({ ca: [ca] }) });
      this.agents.set(key, agent);
    }
    return agent;
  }

  destroy(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }
}
