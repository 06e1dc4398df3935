// The app's event stream (Server-Sent Events at api/events) as the page reads it, for the benchmarks that follow
// what the page is told: each event of `name` to `onData`, parsed.
import { request, type IncomingMessage } from 'node:http';

/** Resolves once the stream is open, with the function that closes it. */
export function followEvents(base: URL, token: string, name: string, onData: (data: unknown) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/api/events', base), { headers: { 'x-ead-token': token } }, (res: IncomingMessage) => {
      let buffer = '';
      res.on('data', (d: Buffer) => {
        buffer += d;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: (.*)$/m.exec(frame)?.[1] === name ? /^data: (.*)$/m.exec(frame)?.[1] : undefined;
          if (data) onData(JSON.parse(data));
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    req.end();
  });
}
