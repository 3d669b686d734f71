// What the conformance tests call: tells what reached the function, and can stream, wait and crash.
//   /<fn>                 JSON of the request as received, the platform's variables, and Deno.pid
//   /<fn>/status          status 207 with two Set-Cookie headers
//   /<fn>/stream?size=N   "first\n", then, once /<fn>/release was called, N more bytes
//   /<fn>/upload          reads the body; /<fn>/upload-started says whether its first chunk came
//   /<fn>/crash           the process exits at once
//   OPTIONS               answered here (204, x-answered-by: function)

const VARIABLES = [
  "SUPABASE_URL",
  "SUPABASE_ANON_KEY",
  "SUPABASE_SERVICE_ROLE_KEY",
  "SUPABASE_DB_URL",
  "FROM_DOTENV",
];
const encoder = new TextEncoder();
let release = Promise.withResolvers<void>();
let uploadStarted = false;

export async function echo(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const route = url.pathname.split("/").slice(2).join("/");
  if (request.method === "OPTIONS") {
    return new Response(null, { status: 204, headers: { "x-answered-by": "function" } });
  }
  if (route === "crash") Deno.exit(70);
  if (route === "status") return withCookies();
  if (route === "stream") return streamAfterRelease(Number(url.searchParams.get("size")));
  if (route === "release") {
    release.resolve();
    return new Response("released");
  }
  if (route === "upload") return await upload(request);
  if (route === "upload-started") return Response.json({ started: uploadStarted });
  return Response.json({
    method: request.method,
    url: request.url,
    path: url.pathname,
    query: url.search,
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
    env: Object.fromEntries(VARIABLES.map((name) => [name, Deno.env.get(name) ?? null])),
    pid: Deno.pid,
  });
}

function withCookies(): Response {
  const headers = new Headers({ "x-custom": "kept" });
  headers.append("set-cookie", "a=1; Path=/");
  headers.append("set-cookie", "b=2; Path=/");
  return new Response("multi-status", { status: 207, headers });
}

function streamAfterRelease(size: number): Response {
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode("first\n"));
      await release.promise;
      release = Promise.withResolvers<void>();
      const block = encoder.encode("0123456789abcdef".repeat(4096));
      for (let sent = 0; sent < size; sent += block.length) {
        controller.enqueue(block.subarray(0, Math.min(block.length, size - sent)));
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

async function upload(request: Request): Promise<Response> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of request.body ?? []) {
    uploadStarted = true;
    chunks.push(chunk);
  }
  uploadStarted = false;
  const body = await new Blob(chunks as BlobPart[]).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  const sha256 = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return Response.json({ bytes: body.byteLength, sha256 });
}
