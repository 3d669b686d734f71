import assert from "node:assert/strict";
import { withCors } from "../_shared/cors.ts";
import { startAutomationStandIn } from "../_testing/automation-stand-in.ts";
import { leadIntake, MAX_BODY_BYTES } from "./handler.ts";

const FORM = {
  name: "  Asha Verma ",
  email: "asha@example.com",
  phone: "98765 43210",
  course_slug: "business-basics",
  consents: { email: true, whatsapp: true },
  utm: { source: "instagram", campaign: "diwali" },
  website: "",
};

function post(body: unknown, headers: Record<string, string> = {}): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request("http://functions.local/lead-intake", {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", ...headers },
  });
}

async function withService(
  test: (
    handle: (r: Request) => Promise<Response>,
    service: ReturnType<typeof startAutomationStandIn>,
  ) => Promise<void>,
): Promise<void> {
  const service = startAutomationStandIn("unused");
  try {
    const handler = withCors(leadIntake({ automationUrl: service.url }));
    await test(async (request) => await handler(request), service);
  } finally {
    await service.close();
  }
}

Deno.test("a valid form reaches the service, whose 202 comes back naming no lead", () =>
  withService(async (handle, service) => {
    const response = await handle(post(FORM, { "x-forwarded-for": "203.0.113.7" }));
    assert.equal(response.status, 202);
    assert.deepEqual(await response.json(), { received: true });
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    const [sent] = service.received;
    assert.equal(sent.path, "/public/leads");
    assert.equal(sent.headers.get("x-forwarded-for"), "203.0.113.7");
    assert.deepEqual(JSON.parse(sent.body), {
      name: "Asha Verma",
      email: "asha@example.com",
      phone: "98765 43210",
      course_slug: "business-basics",
      consents: { email: true, whatsapp: true, call: false, sms: false },
      utm: { source: "instagram", campaign: "diwali" },
    });
  }));

Deno.test("a repeated submission gets the same answer as the first", () =>
  withService(async (handle) => {
    const first = await handle(post(FORM));
    const again = await handle(post({ ...FORM, email: "ASHA@example.com" }));
    assert.deepEqual([again.status, await again.json()], [first.status, await first.json()]);
  }));

Deno.test("the service's 422 comes back unchanged, fields included", () =>
  withService(async (handle) => {
    const response = await handle(post({ ...FORM, phone: "1234 5678" }));
    assert.equal(response.status, 422);
    const { error } = await response.json();
    assert.equal(error.code, "invalid_input");
    assert.deepEqual(error.fields, { phone: "Not a valid phone number for India (+91)." });
  }));

Deno.test("invalid fields are named, and nothing reaches the service", () =>
  withService(async (handle, service) => {
    const form = {
      ...FORM,
      name: " ",
      email: "asha@",
      course_slug: "Business Basics",
      utm: { source: 3 },
    };
    const response = await handle(post(form));
    assert.equal(response.status, 422);
    const { error } = await response.json();
    assert.equal(error.code, "invalid_input");
    assert.deepEqual(Object.keys(error.fields).sort(), [
      "course_slug",
      "email",
      "name",
      "utm.source",
    ]);
    assert.equal(service.received.length, 0);
  }));

Deno.test("a form needs an email address or a phone number", () =>
  withService(async (handle) => {
    const response = await handle(post({ ...FORM, email: "", phone: "" }));
    assert.equal(response.status, 422);
    const { error } = await response.json();
    assert.deepEqual(error.fields, { email: "Give an email address or a phone number." });
  }));

Deno.test("unknown fields are refused by name", () =>
  withService(async (handle) => {
    const response = await handle(post({ ...FORM, is_admin: true }));
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).error.fields, { is_admin: "Unknown field." });
  }));

Deno.test("a filled-in honeypot looks accepted but is not forwarded", () =>
  withService(async (handle, service) => {
    const response = await handle(post({ ...FORM, website: "http://spam.example" }));
    assert.equal(response.status, 202);
    assert.deepEqual(await response.json(), { received: true });
    assert.equal(service.received.length, 0);
  }));

Deno.test("bodies that are not JSON, too large, or not POSTed are refused", () =>
  withService(async (handle, service) => {
    const notJson = await handle(post("name=Asha"));
    assert.equal(notJson.status, 400);
    assert.equal((await notJson.json()).error.code, "invalid_json");
    const large = await handle(post({ ...FORM, name: "x".repeat(MAX_BODY_BYTES) }));
    assert.equal(large.status, 413);
    assert.equal((await large.json()).error.code, "payload_too_large");
    const get = await handle(new Request("http://functions.local/lead-intake"));
    assert.equal(get.status, 405);
    await get.body?.cancel();
    assert.equal(service.received.length, 0);
  }));

Deno.test("the preflight is answered with the CORS headers", () =>
  withService(async (handle) => {
    const response = await handle(
      new Request("http://functions.local/lead-intake", { method: "OPTIONS" }),
    );
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "ok");
    assert.match(response.headers.get("access-control-allow-headers") ?? "", /apikey/);
  }));

Deno.test("an unreachable service gets a 502 in the service's error shape", async () => {
  const service = startAutomationStandIn("unused");
  await service.close();
  const response = await leadIntake({ automationUrl: service.url })(post(FORM));
  assert.equal(response.status, 502);
  assert.equal((await response.json()).error.code, "service_unavailable");
});
