// Subscribes with the real graphql-ws client and prints one JSON line per event:
//   {"op": <index>, "event": "next" | "error" | "complete", ...}
// Usage: node subscribe.mjs '<json>' where json = {url, connectionParams, operations: [{query, variables}], count}
// Exits 0 once `count` next events arrived (or every operation ended).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const spec = JSON.parse(process.argv[2]);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
let nexts = 0;
let open = spec.operations.length;

const client = createClient({
  url: spec.url,
  webSocketImpl: WebSocket,
  connectionParams: spec.connectionParams ?? undefined,
  retryAttempts: 0,
  lazy: true,
  on: {
    connected: () => print({ event: 'connected' }),
    closed: (e) => print({ event: 'closed', code: e?.code, reason: e?.reason }),
  },
});

const finish = async (code) => {
  await client.dispose();
  process.exit(code);
};

spec.operations.forEach((operation, op) => {
  client.subscribe(operation, {
    next: (payload) => {
      print({ op, event: 'next', payload });
      if (++nexts >= spec.count) {
        finish(0);
      }
    },
    error: (error) => {
      const detail = Array.isArray(error) ? { errors: error } : { code: error?.code, reason: error?.reason, message: error?.message };
      print({ op, event: 'error', ...detail });
      if (--open === 0) {
        finish(0);
      }
    },
    complete: () => {
      print({ op, event: 'complete' });
      if (--open === 0) {
        finish(0);
      }
    },
  });
});
