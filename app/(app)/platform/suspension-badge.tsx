/** Active or suspended, in words (never colour alone). */
export function SuspensionBadge({ suspendedAt }: { suspendedAt: Date | null }) {
  return suspendedAt ? (
    <span className="rounded bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800">Suspended</span>
  ) : (
    <span className="rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">Active</span>
  );
}
