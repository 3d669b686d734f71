import { describe, expect, it } from "vitest";
import { canCloseLink, linkProgress, linkRequest, nextLinkCheck, parseRupees, priceOf, showsLinkPage } from "./payment-link";

describe("parseRupees", () => {
  it.each([
    ["1,500", 150000],
    ["₹4,999.5", 499950],
    [" 999.05 ", 99905],
  ])("reads %s as %i paise", (input, paise) => {
    expect(parseRupees(input)).toBe(paise);
  });

  it.each(["", "0", "abc", "12.345", "-5", "1e3"])("refuses %j", (input) => {
    expect(parseRupees(input)).toBeNull();
  });
});

describe("priceOf", () => {
  const price = 499900;

  it("is the course's price without a change", () => {
    expect(priceOf(price, { change: "none", rupees: "", reason: "" })).toEqual({ ok: true, amountPaise: price, discountPaise: 0, fixed: false });
  });

  it("takes a discount off the course's price, with a reason", () => {
    expect(priceOf(price, { change: "discount", rupees: "500", reason: "sibling" })).toEqual({ ok: true, amountPaise: 449900, discountPaise: 50000, fixed: false });
  });

  it("needs a reason for any change", () => {
    expect(priceOf(price, { change: "fixed", rupees: "3,000", reason: " " })).toMatchObject({ ok: false, field: "reason" });
  });

  it("refuses a discount as large as the price", () => {
    expect(priceOf(price, { change: "discount", rupees: "4,999", reason: "free" })).toMatchObject({ ok: false, field: "rupees" });
  });

  it("asks for a fixed amount as given", () => {
    expect(priceOf(price, { change: "fixed", rupees: "3,000", reason: "scholarship" })).toEqual({ ok: true, amountPaise: 300000, discountPaise: 199900, fixed: true });
  });
});

describe("linkRequest", () => {
  it("sends a fixed amount with its reason for a lead", () => {
    const priced = priceOf(499900, { change: "fixed", rupees: "3000", reason: "scholarship" });
    if (!priced.ok) throw new Error("priced");
    expect(linkRequest("b1", { leadId: "l1" }, priced, " scholarship ")).toEqual({
      batch_id: "b1",
      lead_id: "l1",
      amount_paise: 300000,
      pricing_note: "scholarship",
    });
  });

  it("sends the list price for a student without a note", () => {
    const priced = priceOf(499900, { change: "none", rupees: "", reason: "" });
    if (!priced.ok) throw new Error("priced");
    expect(linkRequest("b1", { profileId: "p1" }, priced, "")).toEqual({ batch_id: "b1", profile_id: "p1", discount_paise: 0 });
  });
});

describe("linkProgress", () => {
  const refused = 'instamojo: HTTP 400: {"amount": ["Ensure this value is greater than or equal to 9."]}';

  it("is made once the payment has the provider's URL", () => {
    expect(linkProgress({ payment_url: "https://pay.example/x", job: { status: "sent", last_error: null } })).toEqual({ state: "made" });
  });

  it.each(["pending", "processing", "paused"])("waits while the job is %s", (status) => {
    expect(linkProgress({ payment_url: null, job: { status, last_error: "HTTP 503" } })).toEqual({ state: "waiting" });
  });

  it("has failed for good with the provider's answer once the outbox gave up", () => {
    expect(linkProgress({ payment_url: null, job: { status: "dead", last_error: refused } })).toEqual({ state: "failed", refusal: refused });
  });

  it.each(["cancelled", "skipped"])("has failed for good when the job was %s", (status) => {
    expect(linkProgress({ payment_url: null, job: { status, last_error: "paid" } })).toEqual({ state: "failed", refusal: null });
  });
});

describe("nextLinkCheck", () => {
  it("keeps asking until the link is made or failed, then stops", () => {
    expect(nextLinkCheck(undefined, 2000)).toBe(2000);
    expect(nextLinkCheck({ payment_url: null, job: { status: "pending", last_error: null } }, 2000)).toBe(2000);
    expect(nextLinkCheck({ payment_url: null, job: { status: "dead", last_error: "HTTP 400" } }, 2000)).toBe(false);
    expect(nextLinkCheck({ payment_url: "https://pay.example/x", job: null }, 2000)).toBe(false);
  });
});

const link = { payment_url: "https://pay.example/x", renews: null, link_closed_at: null };

describe("showsLinkPage", () => {
  it.each(["created", "pending", "failed", "expired"] as const)("shows the page of a %s link, whose page still takes payment", (status) => {
    expect(showsLinkPage({ ...link, status })).toBe(true);
  });

  it.each(["paid", "refund_pending", "refunded"] as const)("shows no link for a %s payment", (status) => {
    expect(showsLinkPage({ ...link, status })).toBe(false);
  });

  it("shows no link for a renewal (another link's order) or before the provider made the order", () => {
    expect(showsLinkPage({ ...link, status: "created", renews: "p-first" })).toBe(false);
    expect(showsLinkPage({ ...link, status: "created", payment_url: null })).toBe(false);
  });

  it("shows no link once the admin closed it", () => {
    expect(showsLinkPage({ ...link, status: "expired", link_closed_at: "2026-11-22T10:00:00Z" })).toBe(false);
  });
});

describe("canCloseLink", () => {
  it.each(["created", "failed", "expired"] as const)("offers to close a %s link, which took no money", (status) => {
    expect(canCloseLink({ ...link, status })).toBe(true);
  });

  it.each(["pending", "paid", "refund_pending", "refunded"] as const)("offers no closing for a %s payment, which is paying or paid", (status) => {
    expect(canCloseLink({ ...link, status })).toBe(false);
  });

  it("offers no closing for a renewal, an unmade order or a closed link", () => {
    expect(canCloseLink({ ...link, status: "created", renews: "p-first" })).toBe(false);
    expect(canCloseLink({ ...link, status: "created", payment_url: null })).toBe(false);
    expect(canCloseLink({ ...link, status: "created", link_closed_at: "2026-11-22T10:00:00Z" })).toBe(false);
  });
});
