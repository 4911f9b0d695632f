import { csvImportHandler } from "@/lib/transfer/csv-route";
import { commitAppointmentImport, previewAppointmentImport } from "@/lib/transfer/import-appointments";

export const dynamic = "force-dynamic";

/** Appointments from a CSV file: `?mode=preview` checks, `?mode=commit` imports all or none. */
export const POST = csvImportHandler({ preview: previewAppointmentImport, commit: commitAppointmentImport });
