// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Checkbox } from "./checkbox";
import { FormField } from "./form-field";
import { Input } from "./input";

afterEach(cleanup);

function describedText(element: HTMLElement): string {
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent).join(" | ");
}

describe("FormField", () => {
  it("labels the control and reads its hint with it", () => {
    render(<FormField label="Mobile number" hint="India (+91) by default.">{(control) => <Input {...control} />}</FormField>);
    const input = screen.getByLabelText("Mobile number");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(describedText(input)).toBe("India (+91) by default.");
  });

  it("marks the control invalid and reads the error after the hint", () => {
    render(
      <FormField label="Mobile number" hint="India (+91) by default." error="Enter a valid mobile number.">
        {(control) => <Input {...control} />}
      </FormField>,
    );
    const input = screen.getByLabelText("Mobile number");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(describedText(input)).toBe("India (+91) by default. | Enter a valid mobile number.");
  });

  it("puts a checkbox before its label", () => {
    render(
      <FormField layout="inline" label="Message me on WhatsApp" error="Needs a phone.">
        {(control) => <Checkbox {...control} />}
      </FormField>,
    );
    const box = screen.getByRole("checkbox", { name: "Message me on WhatsApp" });
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(describedText(box)).toBe("Needs a phone.");
  });
});
