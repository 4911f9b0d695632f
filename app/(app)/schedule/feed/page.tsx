import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isClinician } from "@/lib/clients/access";
import { config } from "@/lib/config";
import { feedStatus } from "@/lib/schedule/feed";
import { FeedControls } from "./feed-controls";
import { dateTimeFormat } from "@/lib/format/intl";

export const metadata: Metadata = { title: "Calendar feed" };

export default async function FeedPage() {
  const actor = await requireActor();
  if (!isClinician(actor)) redirect("/schedule");
  const status = await feedStatus(actor);
  const when = (d: Date) => dateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(d);
  return (
    <>
      <PageHeader
        title="Calendar feed"
        description="A private link your phone or calendar app subscribes to. It shows your appointments' times, client codes or labels and places: no names, no notes."
      />
      <div className="max-w-2xl space-y-4">
        <p className="text-sm">
          {status
            ? `Your feed is on (link made ${when(status.createdAt)}${status.lastReadAt ? `, last read ${when(status.lastReadAt)}` : ", not read yet"}).`
            : "Your feed is off."}{" "}
          The link is shown only once, when it is made. Anyone with it can see your schedule, so keep it to yourself; make a new one
          (the old one stops working) or turn the feed off at any time.
        </p>
        <FeedControls enabled={status !== null} appUrl={config().APP_URL} />
      </div>
    </>
  );
}
