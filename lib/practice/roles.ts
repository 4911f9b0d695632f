import type { MemberRole } from "@/lib/auth/current";

const labels: Record<MemberRole, string> = {
  OWNER: "Owner",
  THERAPIST: "Therapist",
  MANAGER: "Practice manager",
};

export const roleLabel = (role: MemberRole) => labels[role];
