/**
 * Shown when the label just sent looks like a client's name: nothing was saved. The member
 * changes the label, or ticks the box to keep it knowingly and sends the form again.
 */
export function LabelCheck({ warning }: { warning: string }) {
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="label-check">
      <p className="font-medium text-ink">Not saved yet: {warning}</p>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="keepLabel" className="mt-0.5 size-4" />
        <span>Keep this label anyway: I am sure it does not identify the person.</span>
      </label>
    </div>
  );
}
