// One HTTPS request to a sandbox server on 127.0.0.1, trusting only the run's CA: status, headers, body, and the
// body as JSON when it is JSON.
import { request } from 'node:https';

export interface HttpsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface HttpsCall {
  port: number;
  ca: string;
  method: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function httpsCall(c: HttpsCall): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: c.port,
        method: c.method,
        path: c.path,
        ca: c.ca,
        headers: { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), ...c.headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(c.body);
  });
}
