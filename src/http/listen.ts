// Opening a listener: resolves once it listens (rejects on EADDRINUSE …), with the timeouts every
// listener of the service shares, and the URL to print (the real port when 0 asked for an ephemeral one).
import { createServer, type RequestListener, type Server } from "node:http";

export interface Listener {
  readonly server: Server;
  readonly url: string;
}

export async function listen(listener: RequestListener, port: number, host: string): Promise<Listener> {
  const server = createServer(listener).listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  // Timeouts: slow headers and idle sockets are cut; a batch keeps its socket as long as data flows.
  server.headersTimeout = 15_000;
  server.requestTimeout = 0;
  server.setTimeout(30_000);
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const actualPort = typeof address === "object" && address !== null ? address.port : port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { server, url: `http://${shownHost}:${actualPort}` };
}
