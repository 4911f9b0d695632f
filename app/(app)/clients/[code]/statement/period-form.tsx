import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/**
 * The statement's period, sent as a plain GET form: the address then holds only the code and
 * the two dates, and nothing is generated until the member asks (no prefetching a link).
 */
export function StatementPeriodForm({ code, from, to, errors = {}, submitLabel = "Generate statement" }: {
  code: string;
  from: string;
  to: string;
  errors?: { from?: string; to?: string };
  submitLabel?: string;
}) {
  return (
    <form method="get" action={`/clients/${code}/statement`} className="flex flex-wrap items-end gap-3">
      <div className="w-44">
        <Input label="From" name="from" type="date" required defaultValue={from} error={errors.from} />
      </div>
      <div className="w-44">
        <Input label="To" name="to" type="date" required defaultValue={to} error={errors.to} />
      </div>
      <Button type="submit" variant="secondary">{submitLabel}</Button>
    </form>
  );
}
