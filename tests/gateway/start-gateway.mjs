#!/usr/bin/env node
// Start the pinned open-source Portkey gateway bound to a single interface.
//
// Usage: node start-gateway.mjs --port=8787 --headless
//
// The gateway's CLI (build/start-server.js) parses only `--port=N` and
// `--headless`, and calls @hono/node-server's `serve({fetch, port})` without a
// hostname, i.e. it listens on all interfaces. Its Hono app is not exported,
// so instead of re-serving the app we make listen() default to
// $GATEWAY_HOSTNAME (127.0.0.1 when unset) and then run the unmodified CLI.
// process.argv is untouched, so the CLI still sees `--port=N --headless`.
import net from 'node:net';

const hostname = process.env.GATEWAY_HOSTNAME || '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listen(...args) {
  // listen(port[, host][, backlog][, cb]) with the host missing/undefined:
  // the form @hono/node-server uses, `server.listen(port, undefined, cb)`.
  if (typeof args[0] === 'number' && (args[1] === undefined || typeof args[1] === 'function')) {
    if (args.length >= 2 && args[1] === undefined) {
      args[1] = hostname;
    } else {
      args.splice(1, 0, hostname);
    }
  } else if (args[0] && typeof args[0] === 'object' && 'port' in args[0] && !args[0].host) {
    args[0] = { ...args[0], host: hostname };
  }
  return originalListen.apply(this, args);
};

await import('@portkey-ai/gateway/build/start-server.js');
