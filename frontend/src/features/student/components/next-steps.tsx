/** The student's to-do list, most urgent first; each item links to where it gets done. */
import { Link } from "react-router";
import { formatMoney } from "@/lib/format/money";
import { formatDateTime } from "@/lib/format/time";
import type { NextStep } from "../student-portal";

function Step({ step, timeZone }: { step: NextStep; timeZone: string }) {
  switch (step.kind) {
    case "pay":
      return (
        <>
          Complete your payment of {formatMoney(step.amountPaise, step.currency)}:{" "}
          <Link className="font-medium text-brand-700 underline" to={`/pay/${encodeURIComponent(step.paymentId)}`}>
            pay now
          </Link>
        </>
      );
    case "add-phone":
      return (
        <>
          Add your mobile number so we can send class reminders on WhatsApp:{" "}
          <Link className="font-medium text-brand-700 underline" to="/student/profile">
            edit your profile
          </Link>
        </>
      );
    case "consents":
      return (
        <>
          Tell us how we may contact you and your parent:{" "}
          <Link className="font-medium text-brand-700 underline" to="/student/profile">
            choose channels
          </Link>
        </>
      );
    case "first-session":
      return (
        <>
          Be ready for your next {step.course} session on {formatDateTime(step.session.starts_at, timeZone)}: the join button appears here 15
          minutes before it starts.
        </>
      );
  }
}

export function NextSteps({ steps, timeZone }: { steps: NextStep[]; timeZone: string }) {
  if (steps.length === 0) return <p className="text-sm text-slate-600">You're all set. Nothing needs doing right now.</p>;
  return (
    <ol className="grid list-decimal gap-2 pl-5 text-sm">
      {steps.map((step) => (
        <li key={step.kind === "pay" ? step.paymentId : step.kind}>
          <Step step={step} timeZone={timeZone} />
        </li>
      ))}
    </ol>
  );
}
