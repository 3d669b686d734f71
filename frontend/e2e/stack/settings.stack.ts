import { describe, expect, it } from "vitest";
import { LONG_FLOW, openAsAdmin, screenshots, useBrowser } from "./harness";

const browser = useBrowser();

describe("the admin Settings page on the local stack", () => {
  it("saves the center's profile and automation settings under the admin's RLS", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/settings");
    const profile = page.getByRole("form", { name: "Center profile" });
    const name = profile.getByLabel("Center name");
    await name.waitFor();
    expect(await name.inputValue()).toBe("Vidya Coaching Centre");
    await name.fill("Vidya Coaching Centre, Pune");
    await profile.getByLabel("GSTIN").fill("not a gstin");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await profile.getByText("A GSTIN is 15 characters").waitFor();
    await profile.getByLabel("GSTIN").fill("27aaaaa0000a1z2");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Center profile saved", { exact: true }).waitFor();

    const automation = page.getByRole("form", { name: "Automation" });
    await automation.getByLabel("Follow-up days").fill("2, 4, 9");
    await automation.getByLabel("Send a payment link when a lead says they are interested").check();
    await automation.getByRole("button", { name: "Save automation" }).click();
    await page.getByText("Automation settings saved", { exact: true }).waitFor();

    await page.reload();
    await page.getByRole("form", { name: "Center profile" }).getByLabel("Center name").waitFor();
    expect(await page.getByLabel("Center name").inputValue()).toBe("Vidya Coaching Centre, Pune");
    expect(await page.getByLabel("Follow-up days").inputValue()).toBe("2, 4, 9");
    expect(await page.getByLabel("Send a payment link when a lead says they are interested").isChecked()).toBe(true);
    await screenshots(page, "settings");
  });

  it("stores a provider secret through the service and shows only its last characters", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/settings");
    const sendgrid = page.getByRole("form", { name: "SendGrid (email)" });
    const key = sendgrid.getByLabel("SendGrid (email): API key");
    await key.waitFor();
    await key.fill("SG.stack-test-secret-9876");
    await sendgrid.getByRole("button", { name: "Save SendGrid (email)" }).click();
    await page.getByText("Credentials saved", { exact: true }).waitFor();
    await sendgrid.getByText("Set, ends with ••9876").waitFor();
    expect(await key.inputValue()).toBe("");
    expect(await page.content()).not.toContain("stack-test-secret");

    await sendgrid.getByRole("button", { name: "Remove API key" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove it" }).click();
    await page.getByText("Credential removed", { exact: true }).waitFor();
    await sendgrid.getByText("Set, ends with ••9876").waitFor({ state: "detached" });
  });
});
