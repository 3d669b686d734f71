/** The product's name as a home link. */
import { GraduationCap } from "lucide-react";
import { Link } from "react-router";

export function Brand({ to = "/" }: { to?: string }) {
  return (
    <Link to={to} className="inline-flex items-center gap-2 rounded-sm font-semibold text-slate-900">
      <GraduationCap className="size-6 text-brand-600" aria-hidden="true" />
      Coachbase
    </Link>
  );
}
