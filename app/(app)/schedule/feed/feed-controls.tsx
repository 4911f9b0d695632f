"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { enableFeedAction, revokeFeedAction, type FeedState } from "../actions";

export function FeedControls({ enabled, appUrl }: { enabled: boolean; appUrl: string }) {
  const [state, action, pending] = useActionState<FeedState>(enableFeedAction, { token: null });
  const url = state.token ? `${appUrl.replace(/\/$/, "")}/api/calendar/${state.token}.ics` : null;
  return (
    <div className="space-y-4">
      <FormError message={state.error} />
      {url ? (
        <div role="status" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4">
          <p className="font-semibold">Your new feed link (copy it now: it will not be shown again)</p>
          <label htmlFor="feed-url" className="sr-only">Calendar feed link</label>
          <input id="feed-url" readOnly value={url} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
          <p className="text-sm text-muted">In your calendar app choose &ldquo;subscribe to calendar&rdquo; (or &ldquo;add by URL&rdquo;) and paste it.</p>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <form action={action}>
          <Button type="submit" disabled={pending}>{enabled || url ? "Make a new link" : "Turn on the feed"}</Button>
        </form>
        {enabled || url ? (
          <form action={revokeFeedAction}>
            <Button type="submit" variant="danger">Turn off the feed</Button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
