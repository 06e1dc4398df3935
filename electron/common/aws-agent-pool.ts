// Kept-alive connections to AWS endpoints, one pool per CA bundle for the whole process: the launch's profile
// checks, every scan, diagnosis and fix use the same agent, so a scan reuses the connections (and the TLS
// sessions, which the agent caches per host) that the checks already opened, instead of new handshakes.
// Idle sockets do not keep the process alive (Node unrefs them) and are closed after IDLE_SOCKET_MS.
import { Agent } from 'node:https';
import type { SecureContext } from 'node:tls';

const agents = new Map<SecureContext | undefined, Agent>();
const IDLE_SOCKET_MS = 60_000;

/** The process's agent for AWS calls trusting this context (undefined: the public roots only). */
export function awsAgentFor(secureContext: SecureContext | undefined): Agent {
  let a = agents.get(secureContext);
  if (!a) {
    if (agents.size >= 4) {
      for (const old of agents.values()) old.destroy();
      agents.clear();
    }
    agents.set(secureContext, (a = new Agent({ keepAlive: true, maxSockets: 128, timeout: IDLE_SOCKET_MS, ...(secureContext ? { secureContext } : {}) })));
  }
  return a;
}
