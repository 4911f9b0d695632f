import { Input, Textarea } from "@/components/ui/field";

/** The identity fields (all go to the vault), pre-filled with what was typed before an error. */
export function IdentityFields({ values, requireName = false }: { values: Record<string, string>; requireName?: boolean }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Input label={requireName ? "Full name" : "Full name (to record identity)"} name="fullName" autoComplete="off" defaultValue={values.fullName} required={requireName} />
      <Input label="Preferred name" name="preferredName" autoComplete="off" defaultValue={values.preferredName} />
      <Input label="Date of birth" name="dateOfBirth" type="date" defaultValue={values.dateOfBirth} />
      <Input label="Email" name="email" type="email" autoComplete="off" defaultValue={values.email} />
      <Input label="Phone" name="phone" type="tel" autoComplete="off" defaultValue={values.phone} />
      <Input label="GP" name="gp" autoComplete="off" defaultValue={values.gp} hint="Practice name and address." />
      <div className="sm:col-span-2">
        <Textarea label="Address" name="address" rows={2} defaultValue={values.address} />
      </div>
      <div className="sm:col-span-2">
        <Textarea label="Emergency contact" name="emergencyContact" rows={2} defaultValue={values.emergencyContact} hint="Name, relationship and phone." />
      </div>
    </div>
  );
}
