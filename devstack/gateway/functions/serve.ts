// Preloaded by devstack before an edge function's index.ts (devstack/gateway/functions/process.py).
// On Supabase the edge runtime owns the socket a function's `Deno.serve` answers on. Here each
// function is a Deno process of its own, so `Deno.serve` listens on a free loopback port, whatever
// the function asked for, and reports it on stdout for the gateway to proxy to.
// The gateway holds this process's stdin open and never writes to it: end of input means the
// gateway is gone (stopped or killed), and the function exits rather than live on as an orphan.

const LISTENING = "devstack-function-listening";
const originalServe = Deno.serve.bind(Deno);

type Options = Record<string, unknown> & { onListen?: (addr: Deno.NetAddr) => void };

async function exitWhenOrphaned(): Promise<void> {
  const buffer = new Uint8Array(64);
  while ((await Deno.stdin.read(buffer)) !== null) {
    // Nothing is ever written; only the end of input matters.
  }
  Deno.exit(0);
}

function serveOnLoopback(...args: unknown[]): Deno.HttpServer {
  const handler = typeof args.at(-1) === "function" ? args.pop() : undefined;
  const options: Options = { ...((args[0] as Options | undefined) ?? {}) };
  const theirs = options.onListen;
  const bound = {
    ...options,
    ...(handler ? { handler } : {}),
    hostname: "127.0.0.1",
    port: 0,
    onListen(addr: Deno.NetAddr) {
      theirs?.(addr);
      console.log(`${LISTENING} ${addr.port}`);
      // Started here, not at preload time: Deno finishes a preload's pending work before main runs.
      void exitWhenOrphaned();
    },
  };
  return originalServe(bound as unknown as Deno.ServeTcpOptions & Deno.ServeInit);
}

(Deno as unknown as { serve: typeof serveOnLoopback }).serve = serveOnLoopback;
