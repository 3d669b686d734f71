/** The student portal on the seeded stack: a student sees their own batches, payments and profile, never another's. */
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, signIn, useBrowser } from "./harness";

const browser = useBrowser();

async function openAsStudent(path: string) {
  const page = await browser().open("/sign-in");
  await signIn(page, inject("studentEmail"));
  await page.getByRole("heading", { name: "Your batches" }).waitFor();
  if (path !== "/student/home") await page.goto(new URL(path, page.url()).href);
  return page;
}

/** Rows of `table` the student's own token can read through the REST API (RLS decides). */
async function readAsStudent(table: string, select: string): Promise<Record<string, unknown>[]> {
  const headers = { apikey: inject("anonKey"), "Content-Type": "application/json" };
  const auth = await fetch(`${inject("supabaseUrl")}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email: inject("studentEmail"), password: DEMO_PASSWORD }),
  });
  const { access_token: token, user } = (await auth.json()) as { access_token: string; user: { id: string } };
  const response = await fetch(`${inject("supabaseUrl")}/rest/v1/${table}?select=${select}`, {
    headers: { ...headers, Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as Record<string, unknown>[]).map((row) => ({ ...row, me: user.id }));
}

describe("the student portal", () => {
  it("opens on the student's own batches with the next session, and none of another student's", async () => {
    const page = await openAsStudent("/student/home");
    await page.getByText(inject("studentBatch"), { exact: false }).first().waitFor();
    expect(await page.getByText(inject("otherStudentBatch"), { exact: false }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Next steps" }).isVisible()).toBe(true);
    await page.goto(new URL("/student", page.url()).href);
    await page.waitForURL(/\/student\/home$/);
  });

  it("lists the student's paid fee with its status", async () => {
    const page = await openAsStudent("/student/payments");
    await page.getByRole("heading", { name: "Payments" }).waitFor();
    await page.getByRole("table").getByText("Paid", { exact: true }).first().waitFor();
    expect(await page.getByText(inject("otherStudentBatch"), { exact: false }).count()).toBe(0);
  });

  it("saves the student's phone as E.164 and a consent answer, both still there after a reload", async () => {
    const page = await openAsStudent("/student/profile");
    await page.locator("#main").getByText(inject("studentEmail")).waitFor();
    await page.getByLabel("Your mobile number").fill("98765 43210");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Profile saved", { exact: true }).waitFor();
    const parentWhatsApp = page.getByRole("checkbox", { name: "Your parent: WhatsApp" });
    const before = await parentWhatsApp.getAttribute("aria-checked");
    await parentWhatsApp.click();
    await page.getByText(before === "true" ? "We won't contact you there" : "You'll hear from us there", { exact: true }).waitFor();
    await page.reload();
    await page.getByLabel("Your mobile number").waitFor();
    expect(await page.getByLabel("Your mobile number").inputValue()).toBe("+919876543210");
    expect(await page.getByRole("checkbox", { name: "Your parent: WhatsApp" }).getAttribute("aria-checked")).toBe(before === "true" ? "false" : "true");
  });

  it("lets the student's token read only their own rows", async () => {
    const enrollments = await readAsStudent("enrollments", "student_id");
    expect(enrollments.length).toBeGreaterThan(0);
    expect(enrollments.every((row) => row.student_id === row.me)).toBe(true);
    const payments = await readAsStudent("payments", "profile_id");
    expect(payments.every((row) => row.profile_id === row.me)).toBe(true);
    const consents = await readAsStudent("consents", "profile_id");
    expect(consents.every((row) => row.profile_id === row.me)).toBe(true);
    const students = await readAsStudent("profiles", "id,role");
    expect(students.filter((row) => row.role === "student").map((row) => row.id === row.me)).toEqual([true]);
  });
});
