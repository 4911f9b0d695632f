import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isClinician } from "@/lib/clients/access";
import { NewClientForm } from "./new-client-form";

export const metadata: Metadata = { title: "New client" };

export default async function NewClientPage() {
  const actor = await requireActor();
  if (!isClinician(actor)) redirect("/clients");
  return (
    <>
      <PageHeader title="New client" description="The client will be assigned to you. You can assign colleagues from the client's page." />
      <NewClientForm />
    </>
  );
}
