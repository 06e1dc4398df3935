// client-node's transport, over node:https with the cluster's own agent. client-node 1.4 sends through node-fetch
// and builds a new https.Agent (decoding the CA again) for every request; a scan makes thousands, so the probe
// plugs this into client-node's documented `httpApi` slot instead. Requests, serialisation, status handling and
// ApiException stay client-node's.
import { request, type Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { ResponseContext, type PromiseHttpLibrary, type RequestContext } from '@kubernetes/client-node';

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export class AgentHttpLibrary implements PromiseHttpLibrary {
  constructor(private readonly agent: Agent) {}

  send(ctx: RequestContext): Promise<ResponseContext> {
    const body = ctx.getBody();
    if (body !== undefined && typeof body !== 'string') return Promise.reject(new Error('the probe sends JSON bodies only'));
    return new Promise<ResponseContext>((resolve, reject) => {
      const req = request(
        ctx.getUrl(),
        { method: ctx.getHttpMethod(), headers: ctx.getHeaders(), agent: this.agent, signal: ctx.getSignal() as AbortSignal | undefined },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            resolve(new ResponseContext(res.statusCode ?? 0, flatHeaders(res.headers), { text: async () => data.toString('utf8'), binary: async () => data }));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
