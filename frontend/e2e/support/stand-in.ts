/**
 * A small local stand-in for the parts of the backend the e2e tests need before the real stack is
 * merged: PostgREST reads of `courses` and `profiles` (arrays, `col=eq.value` filters, `select`
 * projection, row visibility by the bearer token as RLS would decide), GoTrue's password grant and
 * logout, and the automation service's public lead intake and payment status. Its answers follow
 * those services' real response shapes; it records what it received for the tests to inspect.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const JWT_SECRET = "stand-in-secret-for-e2e-tests-only";

export interface StandInUser {
  id: string;
  email: string;
  password: string;
  role: "admin" | "instructor" | "student";
}

export const USERS: StandInUser[] = [
  { id: "9f1c6a52-3d0e-4d7e-9a43-0b0c1d2e3f40", email: "admin@example.test", password: "admin-password", role: "admin" },
  { id: "2b7e1f0a-5c4d-4e3f-8a21-7d6c5b4a3f20", email: "student@example.test", password: "student-password", role: "student" },
  // Accounts whose password the email-link tests change, so the others' sign-ins stay valid.
  { id: "6c3d2e1f-0a9b-4c8d-8e7f-6a5b4c3d2e10", email: "invited@example.test", password: "", role: "student" },
  { id: "7d4e3f2a-1b0c-4d9e-9f8a-7b6c5d4e3f21", email: "forgetful@example.test", password: "forgotten-password", role: "student" },
];

const COURSES = [
  {
    id: "5d0b2a7e-1111-4c3b-9a8e-000000000001",
    slug: "python-foundations",
    title: "Python Foundations",
    description: "Twelve live evening classes that take you from your first line of Python to a working project.",
    price_paise: 12_499_00,
    currency: "INR",
    syllabus_path: "5d0b2a7e-1111-4c3b-9a8e-000000000001/syllabus.pdf",
    published: true,
  },
  {
    id: "5d0b2a7e-1111-4c3b-9a8e-000000000002",
    slug: "teen-entrepreneurs",
    title: "Teen Entrepreneurs",
    description: "A six-week program where teenagers design, price and sell a product.",
    price_paise: 8_999_50,
    currency: "INR",
    syllabus_path: null,
    published: true,
  },
  {
    id: "5d0b2a7e-1111-4c3b-9a8e-000000000003",
    slug: "draft-course",
    title: "A draft nobody may see",
    description: null,
    price_paise: 100,
    currency: "INR",
    syllabus_path: null,
    published: false,
  },
];

/** The token hash of a password-reset email to forgetful@, as `?token_hash=…&type=recovery` links carry. */
export const RECOVERY_TOKEN_HASH = "pkce_9b0e6f1d2c3a4b5c6d7e8f90a1b2c3d4";

type Row = Record<string, unknown>;

export interface Recorded {
  leads: unknown[];
  otp: { body: unknown; redirectTo: string | null }[];
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export function signJwt(claims: Record<string, unknown>): string {
  const head = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(claims));
  const signature = createHmac("sha256", JWT_SECRET).update(`${head}.${body}`).digest();
  return `${head}.${body}.${base64url(signature)}`;
}

export const ANON_KEY = signJwt({ iss: "supabase", ref: "stand-in", role: "anon", iat: 1_767_225_600, exp: 2_082_758_400 });

function claimsOf(request: IncomingMessage): Record<string, unknown> | null {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
  const [head, body, signature] = token?.split(".") ?? [];
  if (!head || !body || !signature) return null;
  const expected = base64url(createHmac("sha256", JWT_SECRET).update(`${head}.${body}`).digest());
  if (expected !== signature) return null;
  return JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
}

/** Writes a JSON answer; returns true so a handler can end with `return send(...)`. */
function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  response.end(body === undefined ? "" : JSON.stringify(body));
  return true;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text === "" ? null : (JSON.parse(text) as unknown);
}

/** PostgREST's GET: `col=eq.value` filters, `select` projection, `order=col.asc|desc`. */
function postgrestSelect(rows: Row[], params: URLSearchParams): Row[] {
  let result = rows;
  for (const [key, value] of params) {
    if (key === "select" || key === "order") continue;
    const match = /^eq\.(.*)$/.exec(value);
    if (!match) throw new Error(`stand-in: unsupported filter ${key}=${value}`);
    result = result.filter((row) => String(row[key]) === match[1]);
  }
  const order = params.get("order");
  if (order) {
    const [column = "", direction] = order.split(".");
    result = [...result].sort((a, b) => String(a[column]).localeCompare(String(b[column])) * (direction === "desc" ? -1 : 1));
  }
  const select = params.get("select");
  if (select && select !== "*") {
    const columns = select.split(",");
    result = result.map((row) => Object.fromEntries(columns.map((column) => [column, row[column]])));
  }
  return result;
}

function tableRows(table: string, claims: Record<string, unknown> | null): Row[] | null {
  // What RLS lets each caller see: the published catalog for everyone, one's own profile.
  if (table === "courses") return COURSES.filter((course) => course.published);
  if (table === "profiles") {
    return USERS.filter((user) => user.id === claims?.sub).map((user) => ({ id: user.id, email: user.email, role: user.role }));
  }
  return null;
}

const refreshTokens = new Map<string, StandInUser>();

function userJson(user: StandInUser) {
  return {
    id: user.id,
    aud: "authenticated",
    role: "authenticated",
    email: user.email,
    email_confirmed_at: "2026-01-01T00:00:00Z",
    app_metadata: { provider: "email", providers: ["email"], role: user.role },
    user_metadata: {},
    identities: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

/** The claims of an access token for `user`, valid for an hour from now. */
export function accessClaims(user: StandInUser) {
  const now = Math.floor(Date.now() / 1000);
  return { sub: user.id, aud: "authenticated", role: "authenticated", email: user.email, app_metadata: userJson(user).app_metadata, iat: now, exp: now + 3600 };
}

function session(user: StandInUser) {
  const claims = accessClaims(user);
  const refreshToken = randomUUID();
  refreshTokens.set(refreshToken, user);
  return { access_token: signJwt(claims), token_type: "bearer", expires_in: 3600, expires_at: claims.exp, refresh_token: refreshToken, user: userJson(user) };
}

const paymentChecks = new Map<string, number>();

function paymentStatus(reference: string) {
  const checks = (paymentChecks.get(reference) ?? 0) + 1;
  paymentChecks.set(reference, checks);
  const base = { reference, amount_paise: 12_499_00, currency: "INR", description: "Python Foundations — January batch" };
  if (reference === "pay_settles") {
    return checks <= 2
      ? { ...base, status: "pending", paid_at: null, receipt_number: null }
      : { ...base, status: "paid", paid_at: "2026-11-22T09:45:00Z", receipt_number: "RCT-2026-000042" };
  }
  if (reference === "pay_failed") return { ...base, status: "failed", paid_at: null, receipt_number: null };
  return null;
}

async function handle(request: IncomingMessage, response: ServerResponse, recorded: Recorded): Promise<true> {
  const url = new URL(request.url ?? "/", "http://stand-in");
  const route = `${request.method ?? "GET"} ${url.pathname}`;

  if (url.pathname === "/__stand-in/recorded") return send(response, 200, recorded);
  if (url.pathname.startsWith("/rest/v1/") || url.pathname.startsWith("/auth/v1/")) {
    if (request.headers.apikey !== ANON_KEY) {
      return send(response, 401, { message: "Invalid API key", hint: "Double check your Supabase `anon` or `service_role` API key." });
    }
  }

  const table = /^GET \/rest\/v1\/([a-z_]+)$/.exec(route)?.[1];
  if (table) {
    const rows = tableRows(table, claimsOf(request));
    if (!rows) {
      return send(response, 404, { code: "42P01", details: null, hint: null, message: `relation "public.${table}" does not exist` });
    }
    return send(response, 200, postgrestSelect(rows, url.searchParams), { "Content-Range": `0-${Math.max(rows.length - 1, 0)}/*` });
  }

  switch (route) {
    case "POST /auth/v1/token": {
      const body = (await readBody(request)) as { email?: string; password?: string; refresh_token?: string };
      if (url.searchParams.get("grant_type") === "refresh_token") {
        // Refresh tokens are single-use, as GoTrue rotates them.
        const owner = refreshTokens.get(body.refresh_token ?? "");
        refreshTokens.delete(body.refresh_token ?? "");
        if (!owner) {
          return send(response, 400, { code: 400, error_code: "refresh_token_not_found", msg: "Invalid Refresh Token: Refresh Token Not Found" });
        }
        return send(response, 200, session(owner));
      }
      const user = USERS.find((candidate) => candidate.email === body.email && candidate.password === body.password);
      if (!user) return send(response, 400, { code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" });
      return send(response, 200, session(user));
    }
    case "POST /auth/v1/verify": {
      const body = (await readBody(request)) as { token_hash?: string; type?: string };
      const forgetful = USERS.find((user) => user.email === "forgetful@example.test");
      if (body.type === "recovery" && body.token_hash === RECOVERY_TOKEN_HASH && forgetful) {
        return send(response, 200, session(forgetful));
      }
      return send(response, 403, { code: 403, error_code: "otp_expired", msg: "Email link is invalid or has expired" });
    }
    case "GET /auth/v1/user":
    case "PUT /auth/v1/user": {
      const user = USERS.find((candidate) => candidate.id === claimsOf(request)?.sub);
      if (!user) return send(response, 403, { code: 403, error_code: "bad_jwt", msg: "invalid JWT: unable to parse or verify signature" });
      if (request.method === "PUT") {
        const body = (await readBody(request)) as { password?: string };
        if (body.password === user.password) {
          return send(response, 422, { code: 422, error_code: "same_password", msg: "New password should be different from the old password." });
        }
        if (body.password) user.password = body.password;
      }
      return send(response, 200, userJson(user));
    }
    case "POST /auth/v1/logout":
      // Signing out revokes the session's refresh tokens; the stand-in revokes all of that user's.
      for (const [token, owner] of refreshTokens) {
        if (owner.id === claimsOf(request)?.sub) refreshTokens.delete(token);
      }
      return send(response, 204, undefined);
    case "POST /auth/v1/otp":
      recorded.otp.push({ body: await readBody(request), redirectTo: url.searchParams.get("redirect_to") });
      return send(response, 200, {});
    case "POST /public/leads": {
      const body = (await readBody(request)) as { email?: string };
      recorded.leads.push(body);
      if (body.email === "taken@example.com") {
        return send(response, 422, {
          error: {
            code: "validation_failed",
            message: "Some details need another look.",
            fields: { email: "is already registered for this course", "utm.source": "is longer than 200 characters" },
          },
        });
      }
      return send(response, 201, { status: "received" });
    }
  }

  const reference = /^GET \/public\/payments\/([^/]+)$/.exec(route)?.[1];
  if (reference) {
    const payment = paymentStatus(decodeURIComponent(reference));
    if (!payment) return send(response, 404, { error: { code: "not_found", message: "No payment has this reference." } });
    return send(response, 200, payment);
  }
  return send(response, 404, { error: { code: "not_found", message: `stand-in has no ${route}` } });
}

export interface StandIn {
  url: string;
  close: () => Promise<void>;
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startStandIn(): Promise<StandIn> {
  const recorded: Recorded = { leads: [], otp: [] };
  const server: Server = createServer((request, response) => {
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Allow-Headers", request.headers["access-control-request-headers"] ?? "*");
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    response.setHeader("Access-Control-Expose-Headers", "Content-Range, X-Supabase-Api-Version");
    if (request.method === "OPTIONS") {
      response.writeHead(204).end();
      return;
    }
    handle(request, response, recorded).catch((error: unknown) => {
      send(response, 500, { error: { code: "stand_in_failure", message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}
