// A stand-in app process for tests/integration/faults.test.ts: saves one draft through the real
// code (under the react-server condition), announcing "saving" first, so the test can kill it
// while the save's transaction is open.
import type { Actor } from "../../lib/auth/actor";
import { saveDraft } from "../../lib/notes/save-draft";

const actor = JSON.parse(process.env.FAULT_ACTOR!) as Actor;
actor.stepUpAt = actor.stepUpAt ? new Date(actor.stepUpAt) : null;
console.log("saving");
await saveDraft(actor, process.env.FAULT_CODE!, process.env.FAULT_NOTE!, { baseRevision: Number(process.env.FAULT_BASE), sections: JSON.parse(process.env.FAULT_SECTIONS!) }, { requestId: null, ip: "198.51.100.78", userAgent: "faults-child" });
console.log("saved");
process.exit(0);
