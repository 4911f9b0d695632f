import { useId, type ComponentProps, type ReactNode } from "react";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-ink shadow-sm " +
  "placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-700";

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}

/** Label, hint and error wired to one control with ids and aria attributes. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: string; hint?: ReactNode; error?: string };

export function Input({ label, hint, error, className = "", ...props }: Common & ComponentProps<"input">) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input id={id} aria-describedby={describedBy} aria-invalid={invalid} className={`${control} ${className}`} {...props} />
      )}
    </Field>
  );
}

export function Select({ label, hint, error, className = "", children, ...props }: Common & ComponentProps<"select">) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid} className={`${control} ${className}`} {...props}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function Textarea({ label, hint, error, className = "", ...props }: Common & ComponentProps<"textarea">) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid} className={`${control} ${className}`} {...props} />
      )}
    </Field>
  );
}

/** A form-level message (e.g. "That email and password do not match"). */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </div>
  );
}
