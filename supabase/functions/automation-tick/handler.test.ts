import assert from "node:assert/strict";
import { startAutomationStandIn } from "../_testing/automation-stand-in.ts";
import { tokenWith } from "../_testing/tokens.ts";
import { automationTick } from "./handler.ts";

const SECRET = "internal-secret-for-tests";

function call(path: string, role?: string, init: RequestInit = {}): Request {
  const headers: Record<string, string> = role
    ? { authorization: `Bearer ${tokenWith({ role })}` }
    : {};
  return new Request(`http://functions.local${path}`, { method: "POST", headers, ...init });
}

async function withService(
  test: (
    handle: (r: Request) => Promise<Response>,
    service: ReturnType<typeof startAutomationStandIn>,
  ) => Promise<void>,
  secret = SECRET,
): Promise<void> {
  const service = startAutomationStandIn(SECRET);
  try {
    const handler = automationTick({ automationUrl: service.url, internalSecret: secret });
    await test(async (request) => await handler(request), service);
  } finally {
    await service.close();
  }
}

Deno.test("the service role's call reaches the tick with the internal secret", () =>
  withService(async (handle, service) => {
    const response = await handle(
      call("/automation-tick/outbox", "service_role", { body: '{"batch":50}' }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { tick: "outbox" });
    const [sent] = service.received;
    assert.equal(sent.path, "/internal/ticks/outbox");
    assert.equal(sent.headers.get("x-internal-secret"), SECRET);
    assert.equal(sent.body, '{"batch":50}');
  }));

Deno.test("other roles are refused before anything is sent", () =>
  withService(async (handle, service) => {
    for (const role of ["anon", "authenticated"]) {
      const response = await handle(call("/automation-tick/outbox", role));
      assert.equal(response.status, 403, role);
      assert.equal((await response.json()).error.code, "forbidden");
    }
    const anonymous = await handle(call("/automation-tick/outbox"));
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
    assert.equal(service.received.length, 0);
  }));

Deno.test("only POST to one well-formed tick name is relayed", () =>
  withService(async (handle, service) => {
    for (const path of ["/automation-tick", "/automation-tick/Outbox", "/automation-tick/a/b"]) {
      const response = await handle(call(path, "service_role"));
      assert.equal(response.status, 404, path);
      assert.equal((await response.json()).error.code, "unknown_tick");
    }
    const get = await handle(call("/automation-tick/outbox", "service_role", { method: "GET" }));
    assert.equal(get.status, 405);
    await get.body?.cancel();
    assert.equal(service.received.length, 0);
  }));

Deno.test("the service's refusal of a wrong secret comes back unchanged", () =>
  withService(async (handle) => {
    const response = await handle(call("/automation-tick/outbox", "service_role"));
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error.code, "unauthorized");
  }, "not-the-secret"));

Deno.test("an unreachable service gets a 502", async () => {
  const service = startAutomationStandIn(SECRET);
  await service.close();
  const handler = automationTick({ automationUrl: service.url, internalSecret: SECRET });
  const response = await handler(call("/automation-tick/outbox", "service_role"));
  assert.equal(response.status, 502);
  assert.equal((await response.json()).error.code, "service_unavailable");
});
