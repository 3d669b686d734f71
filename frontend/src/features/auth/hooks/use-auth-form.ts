/**
 * State of the sign-in pages' small forms without a form library, so the first download stays
 * small (decision 0860): controlled values, field errors from one pure check, a form-level error
 * and the submitting flag. As the app's other forms do, it checks on submit, then on every change
 * once a submit was refused, and focuses the first field in error.
 */
import { useRef, useState, type ChangeEvent, type SubmitEvent } from "react";
import { authErrorMessage } from "../auth-messages";

export type FieldErrors<Values> = Partial<Record<keyof Values, string>>;

export function useAuthForm<Values extends Record<string, string>>(
  initial: Values,
  check: (values: Values) => FieldErrors<Values>,
) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<Values>>({});
  const [rootError, setRootError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const [refused, setRefused] = useState(false);
  const inputs = useRef(new Map<keyof Values, HTMLInputElement | null>());

  /** Props for the field's input: its value, change handler and a ref for focusing it. */
  function field(name: keyof Values & string) {
    return {
      name,
      value: values[name],
      ref: (input: HTMLInputElement | null) => {
        inputs.current.set(name, input);
      },
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const next = { ...values, [name]: event.target.value };
        setValues(next);
        if (refused) setErrors(check(next));
      },
    };
  }

  /** Runs `send` with the checked values; what it throws becomes the form's error, in words. */
  function onSubmit(send: (values: Values) => Promise<unknown>) {
    return async (event: SubmitEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (isSubmitting) return;
      const found = check(values);
      setErrors(found);
      setRootError(null);
      const firstInError = Object.keys(values).find((name) => found[name] !== undefined);
      setRefused(firstInError !== undefined);
      if (firstInError !== undefined) {
        inputs.current.get(firstInError)?.focus();
        return;
      }
      setSubmitting(true);
      try {
        await send(values);
      } catch (error) {
        setRootError(authErrorMessage(error));
      } finally {
        setSubmitting(false);
      }
    };
  }

  return { values, errors, rootError, isSubmitting, field, onSubmit };
}
