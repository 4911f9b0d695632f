import type { MemberRole } from "@/lib/auth/actor";

const labels: Record<MemberRole, string> = {
  OWNER: "Owner",
  THERAPIST: "Therapist",
  MANAGER: "Practice manager",
};

export const roleLabel = (role: MemberRole) => labels[role];
