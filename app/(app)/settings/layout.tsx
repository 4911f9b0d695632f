import { requireAccountHolder } from "@/lib/entry/caller";
import { SettingsTabs } from "./settings-tabs";

// The settings area: your own account first, then (for owners) the practice's.
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { holder } = await requireAccountHolder();
  return (
    <>
      {holder.practiceId !== null ? <SettingsTabs owner={holder.role === "OWNER"} /> : null}
      {children}
    </>
  );
}
